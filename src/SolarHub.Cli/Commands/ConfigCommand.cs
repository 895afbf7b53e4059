using System.CommandLine;
using SolarHub.Cli.ConfigVerbs;
using SolarHub.Cli.Storage;

namespace SolarHub.Cli.Commands;

/// <summary>
/// <c>solarhub config ...</c>: the stored configuration (banks, adapters, packs, battery arrays). Each verb starts a
/// minimal node with the store, sends one change set (applied whole or not at all), prints one line per change and
/// exits: 0 done, 1 the database failed, 2 invalid input (nothing stored). A running <c>solarhub run</c> on the same
/// database applies the change live.
/// </summary>
public static class ConfigCommand
{
    public static Command Create()
    {
        var command = new Command("config", "Show and change the stored configuration: banks, their packs and adapters, battery arrays. " +
            "Every change is stored whole or not at all; a running hub on the same database applies it live. Exit codes: 0 done, 1 database failure, 2 invalid (nothing stored).");
        command.Subcommands.Add(Import());
        command.Subcommands.Add(Show());
        command.Subcommands.Add(Validate());
        command.Subcommands.Add(Export());
        command.Subcommands.Add(Bank());
        command.Subcommands.Add(Adapter());
        command.Subcommands.Add(MqttVerbs.Create());
        command.Subcommands.Add(AlertVerbs.Create());
        return command;
    }

    private static Option<bool> Verbose() => new("--verbose", "-v") { Description = "Also print Akka's warnings and errors (on stderr)." };

    private static Command Import()
    {
        var file = new Argument<string>("config.yaml") { Description = "A config.yaml of the older Python hub (battery_banks, battery_bank_arrays; see docs/config-yaml.md)." };
        var dryRun = new Option<bool>("--dry-run", "-n") { Description = "Print what would change; store nothing." };
        var database = DatabaseOption.Create();
        var verbose = Verbose();
        var command = new Command("import", "Make the stored configuration equal to a legacy config.yaml: its banks, adapters, packs and battery arrays. " +
            "All or nothing: a file with any error stores nothing and every error is printed with its line. Importing the same file again changes nothing.")
        {
            file, dryRun, database, verbose,
        };
        command.SetAction((pr, ct) => FileVerbs.ImportAsync(ConfigVerbRunner.ForConsole("config import"), pr.GetValue(file)!, pr.GetValue(dryRun),
            pr.GetValue(database), pr.GetValue(verbose), ct));
        return command;
    }

    private static Command Show()
    {
        var database = DatabaseOption.Create();
        var verbose = Verbose();
        var command = new Command("show", "Print the stored configuration as a tree: system, battery arrays, banks, packs, adapters (priority, enabled, transport).")
        {
            database, verbose,
        };
        command.SetAction((pr, ct) => FileVerbs.ShowAsync(ConfigVerbRunner.ForConsole("config show"), pr.GetValue(database), pr.GetValue(verbose), ct));
        return command;
    }

    private static Command Validate()
    {
        var file = new Argument<string?>("config.yaml") { Description = "A legacy config.yaml to check instead of the stored configuration.", Arity = ArgumentArity.ZeroOrOne };
        var database = DatabaseOption.Create();
        var verbose = Verbose();
        var command = new Command("validate", "Check the stored configuration, or a legacy config.yaml, and print every error naming the entity and field (with its line for a file).")
        {
            file, database, verbose,
        };
        command.SetAction((pr, ct) => FileVerbs.ValidateAsync(ConfigVerbRunner.ForConsole("config validate"), pr.GetValue(file), pr.GetValue(database), pr.GetValue(verbose), ct));
        return command;
    }

    private static Command Export()
    {
        var output = new Option<string?>("--output", "-o") { Description = "Write the YAML to this file instead of stdout." };
        var database = DatabaseOption.Create();
        var verbose = Verbose();
        var command = new Command("export", "Print the stored banks and battery arrays in the legacy config.yaml format; 'config import' of it gives the same configuration.")
        {
            output, database, verbose,
        };
        command.SetAction((pr, ct) => FileVerbs.ExportAsync(ConfigVerbRunner.ForConsole("config export"), pr.GetValue(output), pr.GetValue(database), pr.GetValue(verbose), ct));
        return command;
    }

    private static Command Bank()
    {
        var command = new Command("bank", "Add or remove a bank.");

        var id = new Argument<string>("bank") { Description = "The bank's id." };
        var name = new Option<string?>("--name") { Description = "Display name (default: the id)." };
        var packs = new Option<string>("--packs") { Description = "The packs' DIP-switch addresses, 0-15: 1,2,3 or 1-3.", Required = true };
        var cells = new Option<int>("--cells") { Description = "Cells per pack (1-32).", DefaultValueFactory = _ => 16 };
        var (tcp, modbusTcp, serial, baud, active, pollTimeout, node) = TransportOptions("the bank's first adapter");
        var adapterId = new Option<string>("--adapter-id") { Description = "Id of the first adapter given with --tcp, --modbus-tcp or --serial.", DefaultValueFactory = _ => "adapter-1" };
        var database = DatabaseOption.Create();
        var verbose = Verbose();
        var add = new Command("add", "Add a bank. A bank needs an enabled adapter: give its first one here with --tcp, --modbus-tcp or --serial (stored together), " +
            "more with 'config adapter add'.")
        {
            id, name, packs, cells, tcp, modbusTcp, serial, baud, active, pollTimeout, node, adapterId, database, verbose,
        };
        add.SetAction((pr, ct) => EntityVerbs.BankAddAsync(ConfigVerbRunner.ForConsole("config bank add"), pr.GetValue(id)!, pr.GetValue(name), pr.GetValue(packs)!,
            pr.GetValue(cells), new AdapterOptions(pr.GetValue(tcp), pr.GetValue(serial), pr.GetValue(baud), pr.GetValue(active), pr.GetValue(pollTimeout), pr.GetValue(node), pr.GetValue(modbusTcp)),
            pr.GetValue(adapterId)!, pr.GetValue(database), pr.GetValue(verbose), ct));
        command.Subcommands.Add(add);

        var removeId = new Argument<string>("bank") { Description = "The bank's id." };
        var removeDatabase = DatabaseOption.Create();
        var removeVerbose = Verbose();
        var remove = new Command("remove", "Remove a bank with its adapters; battery arrays that list it no longer do.") { removeId, removeDatabase, removeVerbose };
        remove.SetAction((pr, ct) => EntityVerbs.BankRemoveAsync(ConfigVerbRunner.ForConsole("config bank remove"), pr.GetValue(removeId)!,
            pr.GetValue(removeDatabase), pr.GetValue(removeVerbose), ct));
        command.Subcommands.Add(remove);
        return command;
    }

    private static Command Adapter()
    {
        var command = new Command("adapter", "Attach, detach, enable, disable, re-rank a bank's adapters or set their cluster node. A running hub switches its active adapter at once " +
            "when the change calls for it (a better healthy adapter, or the active one disabled or removed).");

        var bank = BankArgument();
        var id = AdapterArgument();
        var (tcp, modbusTcp, serial, baud, active, pollTimeout, node) = TransportOptions("the adapter");
        var priority = new Option<int?>("--priority") { Description = "Failover order, lower is preferred (default: after the bank's other adapters)." };
        var disabled = new Option<bool>("--disabled") { Description = "Store it disabled (never used until enabled)." };
        var database = DatabaseOption.Create();
        var verbose = Verbose();
        var add = new Command("add", "Attach an adapter to a bank: an RS485-to-TCP gateway (--tcp host:port), a Modbus TCP gateway (--modbus-tcp host:port --active) " +
            "or a serial adapter (--serial /dev/ttyUSB0).")
        {
            bank, id, tcp, modbusTcp, serial, baud, active, pollTimeout, node, priority, disabled, database, verbose,
        };
        add.SetAction((pr, ct) => EntityVerbs.AdapterAddAsync(ConfigVerbRunner.ForConsole("config adapter add"), pr.GetValue(bank)!, pr.GetValue(id)!,
            new AdapterOptions(pr.GetValue(tcp), pr.GetValue(serial), pr.GetValue(baud), pr.GetValue(active), pr.GetValue(pollTimeout), pr.GetValue(node), pr.GetValue(modbusTcp)),
            pr.GetValue(priority), pr.GetValue(disabled), pr.GetValue(database), pr.GetValue(verbose), ct));
        command.Subcommands.Add(add);

        command.Subcommands.Add(Simple("remove", "Detach an adapter from its bank (refused if it is the bank's last enabled adapter).",
            (run, b, a, db, v, ct) => EntityVerbs.AdapterRemoveAsync(run, b, a, db, v, ct)));
        command.Subcommands.Add(Simple("enable", "Enable an adapter: it runs and takes its place in the failover order.",
            (run, b, a, db, v, ct) => EntityVerbs.AdapterEnableAsync(run, b, a, true, db, v, ct)));
        command.Subcommands.Add(Simple("disable", "Disable an adapter: it stops; if it was active the bank switches to the next healthy one at once.",
            (run, b, a, db, v, ct) => EntityVerbs.AdapterEnableAsync(run, b, a, false, db, v, ct)));

        var pBank = BankArgument();
        var pId = AdapterArgument();
        var value = new Argument<int>("priority") { Description = "The new priority, lower is preferred. If another enabled adapter of the bank has it, the two swap." };
        var pDatabase = DatabaseOption.Create();
        var pVerbose = Verbose();
        var priorityCommand = new Command("priority", "Set an adapter's priority (swapping with the enabled adapter that holds it, if any).") { pBank, pId, value, pDatabase, pVerbose };
        priorityCommand.SetAction((pr, ct) => EntityVerbs.AdapterPriorityAsync(ConfigVerbRunner.ForConsole("config adapter priority"), pr.GetValue(pBank)!, pr.GetValue(pId)!,
            pr.GetValue(value), pr.GetValue(pDatabase), pr.GetValue(pVerbose), ct));
        command.Subcommands.Add(priorityCommand);
        command.Subcommands.Add(NodeCommand());
        return command;
    }

    private static Command NodeCommand()
    {
        var bank = BankArgument();
        var id = AdapterArgument();
        var node = new Argument<string?>("node") { Description = "The cluster node the adapter's port is attached to (an id: letters, digits, '-', '_', '.').", Arity = ArgumentArity.ZeroOrOne };
        var none = new Option<bool>("--none") { Description = "Clear the node: any node may open the adapter (a TCP gateway), or the only node when not clustered." };
        var database = DatabaseOption.Create();
        var verbose = Verbose();
        var command = new Command("node", "Set the cluster node an adapter's port is attached to, or clear it with --none (see docs/cluster.md).") { bank, id, node, none, database, verbose };
        command.SetAction((pr, ct) => EntityVerbs.AdapterNodeAsync(ConfigVerbRunner.ForConsole("config adapter node"), pr.GetValue(bank)!, pr.GetValue(id)!,
            pr.GetValue(node), pr.GetValue(none), pr.GetValue(database), pr.GetValue(verbose), ct));
        return command;
    }

    private delegate Task<int> AdapterVerb(ConfigVerbRunner run, string bank, string adapter, string? database, bool verbose, CancellationToken ct);

    private static Command Simple(string name, string description, AdapterVerb verb)
    {
        var bank = BankArgument();
        var id = AdapterArgument();
        var database = DatabaseOption.Create();
        var verbose = Verbose();
        var command = new Command(name, description) { bank, id, database, verbose };
        command.SetAction((pr, ct) => verb(ConfigVerbRunner.ForConsole($"config adapter {name}"), pr.GetValue(bank)!, pr.GetValue(id)!, pr.GetValue(database), pr.GetValue(verbose), ct));
        return command;
    }

    private static Argument<string> BankArgument() => new("bank") { Description = "The bank's id." };
    private static Argument<string> AdapterArgument() => new("adapter") { Description = "The adapter's id within the bank." };

    private static (Option<string?> Tcp, Option<string?> ModbusTcp, Option<string?> Serial, Option<int?> Baud, Option<bool> Active, Option<double?> PollTimeout, Option<string?> Node) TransportOptions(string whose) =>
    (
        new Option<string?>("--tcp") { Description = $"host:port of {whose}'s RS485-to-TCP gateway (transparent mode: the bus bytes as they are)." },
        new Option<string?>("--modbus-tcp") { Description = $"host:port of {whose}'s gateway in 'Modbus TCP to RTU' mode; it forwards only answers to polls, so the adapter must be --active." },
        new Option<string?>("--serial") { Description = $"Serial device of {whose}, e.g. /dev/ttyUSB0." },
        new Option<int?>("--baud") { Description = "Serial speed (default 115200; --serial only)." },
        new Option<bool>("--active") { Description = "No JK master on the bus: the hub polls the packs (jk-active). Default: listen to the master (jk-passive)." },
        new Option<double?>("--poll-timeout") { Description = "Seconds to wait for a pack's answer (default 1)." },
        new Option<string?>("--node") { Description = $"The cluster node {whose}'s port is attached to (see docs/cluster.md; default: none)." }
    );
}

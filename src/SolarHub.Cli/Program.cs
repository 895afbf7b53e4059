using System.CommandLine;
using SolarHub.Cli.Commands;

var root = new RootCommand("SolarHub: monitors JK BMS battery banks on an RS485 bus, with failover between adapters.");
root.Subcommands.Add(RunCommand.Create());
root.Subcommands.Add(ConfigCommand.Create());
root.Subcommands.Add(DecodeCommand.Create());
root.Subcommands.Add(SimulateCommand.Create());
root.Subcommands.Add(BenchCommand.Create());
root.Subcommands.Add(StatusCommand.Create());
root.Subcommands.Add(BankCommand.Create());
root.Subcommands.Add(ActorsCommand.Create());
root.Subcommands.Add(ClusterCommand.Create());
root.Subcommands.Add(WatchCommand.Create());
root.Subcommands.Add(HistoryCommand.Create());
// Ctrl+C and SIGTERM cancel the running verb's token (and give it time to shut down) instead of killing the process.
var invocation = new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(10) };
var parsed = root.Parse(args);
// Bad usage is exit 2 with a line per problem naming the argument (docs/configuration.md), not the whole help and exit 1,
// which the verbs keep for a database or a node they could not use.
if (parsed.Errors.Count > 0)
{
    var names = new List<string>();
    for (var command = parsed.CommandResult.Command; command is not null && command != root; command = command.Parents.OfType<Command>().FirstOrDefault())
        names.Insert(0, command.Name);
    var path = string.Join(' ', ["solarhub", .. names]);
    foreach (var error in parsed.Errors)
        Console.Error.WriteLine($"{path}: {string.Join(' ', error.Message.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))} ('{path} --help' says more)");
    return 2;
}
return await parsed.InvokeAsync(invocation);

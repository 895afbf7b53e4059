using System.CommandLine;
using SolarHub.Cli.Storage;
using SolarHub.ConfigStore;
using SolarHub.Configuration;
using SolarHub.Configuration.Alerts;

namespace SolarHub.Cli.ConfigVerbs;

/// <summary>
/// <c>config alert list|set|enable|disable|reset|webhook</c>: the alert rules (docs/configuration.md, "Alert rules").
/// Each change is one change set of the whole <c>alerts</c> section; a running hub on the same database applies it live.
/// </summary>
public static class AlertVerbs
{
    public static Command Create()
    {
        var command = new Command("alert", "List and change the alert rules (thresholds with hysteresis and a duration, per bank or for every bank) " +
            "and the webhook raises and clears are POSTed to. A running hub on the same database applies changes live.");
        command.Subcommands.Add(List());
        command.Subcommands.Add(Set());
        command.Subcommands.Add(Switch("enable", true));
        command.Subcommands.Add(Switch("disable", false));
        command.Subcommands.Add(Reset());
        command.Subcommands.Add(Webhook());
        return command;
    }

    private static Option<bool> Verbose() => new("--verbose", "-v") { Description = "Also print Akka's warnings and errors (on stderr)." };

    private static Option<string?> Bank() => new("--bank") { Description = "Only this bank (default: every bank)." };

    private static Argument<string> Rule(string extra = "") => new("rule") { Description = $"The rule: {AlertKinds.Keys}{extra}." };

    private static Command List()
    {
        var bank = Bank();
        var database = DatabaseOption.Create();
        var verbose = Verbose();
        var command = new Command("list", "Print every rule as it applies to each bank, and the webhook.") { bank, database, verbose };
        command.SetAction((pr, ct) =>
        {
            var run = ConfigVerbRunner.ForConsole("config alert list");
            var bankId = pr.GetValue(bank);
            return run.WithSessionAsync(pr.GetValue(database), pr.GetValue(verbose), ct, async session =>
            {
                var stored = await ConfigVerbRunner.GetAsync(session, ct);
                if (bankId is not null && stored.Config.Banks.All(b => b.Id != bankId)) return run.Error($"no bank '{bankId}'");
                foreach (var line in AlertChange.List(stored.Config, bankId)) run.Out.WriteLine(PrintableText.Escape(line));
                return ConfigExit.Ok;
            }, readOnly: true);
        });
        return command;
    }

    private static Command Set()
    {
        var rule = Rule();
        var bank = Bank();
        var raise = new Option<double?>("--raise") { Description = "Raised at or past this value (V, °C or %, as the rule's unit)." };
        var clear = new Option<double?>("--clear") { Description = "Cleared once back at or past this value (the hysteresis: below raise for a high limit, above it for a low one)." };
        var wait = new Option<double?>("--for") { Description = "Seconds the value must stay past a threshold before the alert is raised or cleared." };
        var database = DatabaseOption.Create();
        var verbose = Verbose();
        var command = new Command("set", "Change a rule's thresholds or duration for every bank, or for one with --bank; what is not given is kept.")
        {
            rule, bank, raise, clear, wait, database, verbose,
        };
        command.SetAction((pr, ct) => ChangeAsync(ConfigVerbRunner.ForConsole("config alert set"), pr.GetValue(database), pr.GetValue(verbose), ct,
            (stored, out error) => AlertChange.Set(stored, pr.GetValue(rule)!, pr.GetValue(bank), null, pr.GetValue(raise), pr.GetValue(clear), pr.GetValue(wait), out error)));
        return command;
    }

    private static Command Switch(string name, bool enabled)
    {
        var rule = Rule();
        var bank = Bank();
        var database = DatabaseOption.Create();
        var verbose = Verbose();
        var command = new Command(name, enabled ? "Switch a rule on (for every bank, or one with --bank)." : "Switch a rule off (for every bank, or one with --bank): its raised alerts clear.")
        {
            rule, bank, database, verbose,
        };
        command.SetAction((pr, ct) => ChangeAsync(ConfigVerbRunner.ForConsole($"config alert {name}"), pr.GetValue(database), pr.GetValue(verbose), ct,
            (stored, out error) => AlertChange.Set(stored, pr.GetValue(rule)!, pr.GetValue(bank), enabled, null, null, null, out error)));
        return command;
    }

    private static Command Reset()
    {
        var rule = Rule(", or all");
        var bank = Bank();
        var database = DatabaseOption.Create();
        var verbose = Verbose();
        var command = new Command("reset", "Forget what was set for a rule (for every bank, or one with --bank): the built-in rule, or the every-bank one, applies again.")
        {
            rule, bank, database, verbose,
        };
        command.SetAction((pr, ct) => ChangeAsync(ConfigVerbRunner.ForConsole("config alert reset"), pr.GetValue(database), pr.GetValue(verbose), ct,
            (stored, out error) => AlertChange.Reset(stored, pr.GetValue(rule)!, pr.GetValue(bank), out error)));
        return command;
    }

    private static Command Webhook()
    {
        var url = new Argument<string?>("url") { Description = "http:// or https:// URL each raise and clear is POSTed to as JSON.", Arity = ArgumentArity.ZeroOrOne };
        var remove = new Option<bool>("--remove") { Description = "POST nowhere." };
        var database = DatabaseOption.Create();
        var verbose = Verbose();
        var command = new Command("webhook", "Set the URL alerts are POSTed to (retried on failure), or --remove it.") { url, remove, database, verbose };
        command.SetAction((pr, ct) =>
        {
            var run = ConfigVerbRunner.ForConsole("config alert webhook");
            var given = pr.GetValue(url);
            if ((given is null) == !pr.GetValue(remove)) return Task.FromResult(run.Error("give a URL or --remove"));
            return ChangeAsync(run, pr.GetValue(database), pr.GetValue(verbose), ct, (stored, out error) =>
            {
                error = "";
                return AlertChange.Webhook(stored, given);
            });
        });
        return command;
    }

    private delegate AlertsConfig? Edit(AlertsConfig? stored, out string error);

    // The store validates the result and names the field: alerts.rules.soc_low.clear: clear 10 must be above raise 15 %.
    private static Task<int> ChangeAsync(ConfigVerbRunner run, string? database, bool verbose, CancellationToken ct, Edit edit) =>
        run.WithSessionAsync(database, verbose, ct, async session =>
        {
            var stored = await ConfigVerbRunner.GetAsync(session, ct);
            if (edit(stored.Config.Alerts, out var error) is not { } alerts) return run.Error(error);
            IReadOnlyList<IConfigChange> changes = alerts.Equals(stored.Config.Alerts) || (alerts.IsEmpty && stored.Config.Alerts is null) ? []
                : alerts.IsEmpty ? [new AlertsRemoved()] : [new AlertsConfigured(alerts)];
            return run.Report(await run.ProposeAsync(session, changes, run.Verb, ct), session);
        });
}

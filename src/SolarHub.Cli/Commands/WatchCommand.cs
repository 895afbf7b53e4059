using System.CommandLine;
using SolarHub.Cli.Inspection;

namespace SolarHub.Cli.Commands;

/// <summary><c>solarhub watch</c>: a live view of the running node until Ctrl+C (or --duration).</summary>
public static class WatchCommand
{
    public static Command Create()
    {
        var bank = new Option<string?>("--bank", "-b") { Description = "Watch this bank only (its full report on a terminal)." };
        var packs = new Option<bool>("--packs") { Description = "Redirected output: also print every pack's telemetry (one line per frame)." };
        var duration = new Option<TimeSpan?>("--duration") { Description = "Stop after this long (e.g. 00:00:30); default: until Ctrl+C." };
        var node = new NodeTarget.Options();
        var command = new Command("watch", "Watch a running node live. On a terminal: the status table (or --bank's report) redrawn every second, " +
            "with adapter changes, failovers and alarms as they happen. Redirected: one line per event (bank telemetry every second, " +
            "adapter changes, failovers, alarms); with --json the events' JSON, one per line.")
        {
            bank, packs, duration,
        };
        foreach (var option in node.All) command.Options.Add(option);
        command.SetAction(async (pr, ct) =>
        {
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
            if (pr.GetValue(duration) is { } d) stop.CancelAfter(d);
            return await NodeVerb.RunAsync("watch", node, pr, (client, token) =>
            {
                var console = InspectionConsole.ForStandardOutput();
                if (console.Plain || client.Target.Json)
                    return LineWatch.RunAsync(client, new EventFilter(pr.GetValue(bank), BankTelemetry: true, PackTelemetry: pr.GetValue(packs)), Console.Out, token);
                return LiveWatch.RunAsync(console, client, new EventFilter(pr.GetValue(bank), BankTelemetry: false, PackTelemetry: false), token);
            }, stop.Token);
        });
        return command;
    }
}

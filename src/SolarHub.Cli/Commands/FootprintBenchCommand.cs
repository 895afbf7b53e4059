using System.CommandLine;
using System.Globalization;
using SolarHub.Bench.Footprint;

namespace SolarHub.Cli.Commands;

/// <summary><c>solarhub bench footprint</c>: a node started as a user starts it, measured as a small board feels it (docs/benchmarks.md).</summary>
public static class FootprintBenchCommand
{
    public static Command Create()
    {
        var banks = new Option<string>("--banks") { Description = "The nodes to measure, one after the other, by their number of banks (3 packs each, a gateway each).", DefaultValueFactory = _ => "1,10" };
        var warmUp = new Option<int>("--warm-up") { Description = "Seconds from the node's start to reading its memory and threads.", DefaultValueFactory = _ => 15 };
        var idle = new Option<int>("--idle") { Description = "Seconds over which its CPU is measured, after the warm-up.", DefaultValueFactory = _ => 30 };
        var binary = new Option<string?>("--binary") { Description = "Measure this executable (e.g. a published single file: scripts/publish.sh) instead of this build." };
        banks.Validators.Add(r =>
        {
            if (Counts(r.GetValueOrDefault<string>()) is null) r.AddError($"--banks must be a comma-separated list of numbers from 1 to 500, got '{r.GetValueOrDefault<string>()}'.");
        });
        warmUp.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is not (>= 1 and <= 3600)) r.AddError("--warm-up must be 1 to 3600 seconds.");
        });
        idle.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is not (>= 1 and <= 3600)) r.AddError("--idle must be 1 to 3600 seconds.");
        });
        var command = new Command("footprint", "Start a node as a user does (solarhub run on its stored configuration: store, history, API) with --banks " +
            "banks and measure it: time to HTTP up and to fresh data, resident memory, threads and managed heap after --warm-up, CPU per minute.")
        {
            banks, warmUp, idle, binary,
        };
        command.SetAction((pr, ct) => BenchCommand.Execute("footprint", ct, async token =>
            (await FootprintBench.RunAsync(Counts(pr.GetValue(banks))!, TimeSpan.FromSeconds(pr.GetValue(warmUp)), TimeSpan.FromSeconds(pr.GetValue(idle)),
                pr.GetValue(binary), Console.Out, token)).Summary));
        return command;
    }

    private static List<int>? Counts(string? text)
    {
        var counts = new List<int>();
        foreach (var part in (text ?? "").Split(',', StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out int n) || n is < 1 or > 500) return null;
            counts.Add(n);
        }
        return counts;
    }
}

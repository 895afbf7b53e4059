using System.CommandLine;
using SolarHub.Bench.Faults;

namespace SolarHub.Cli.Commands;

/// <summary><c>solarhub bench soak --minutes N</c>: a node under random faults for a long time (docs/reliability.md).</summary>
public static class SoakBenchCommand
{
    public static Command Create()
    {
        var minutes = new Option<double>("--minutes") { Description = "How long to soak, in minutes (fractions allowed).", DefaultValueFactory = _ => 10 };
        var banks = new Option<int>("--banks") { Description = "Banks of 3 packs, each with a primary and a hot standby gateway.", DefaultValueFactory = _ => 50 };
        var seed = new Option<int>("--seed") { Description = "Seed of the random faults and changes: the same seed gives the same sequence.", DefaultValueFactory = _ => 1 };
        minutes.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<double>() is not (> 0 and <= 10_080)) r.AddError("--minutes must be more than 0 and at most 10080 (a week).");
        });
        banks.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is not (>= 1 and <= 500)) r.AddError("--banks must be 1 to 500.");
        });
        var command = new Command("soak", "A node of its own watching --banks banks for --minutes under random faults (reset, silence, garbage, " +
            "slow drip, corrupted frames, 1-byte writes) and API changes: every fault recovered, no acknowledged change lost, " +
            "memory, threads and descriptors flat (their slopes). Exit 1 when a fault was not recovered or a change was lost.")
        {
            minutes, banks, seed,
        };
        command.SetAction((pr, ct) => BenchCommand.Execute("soak", ct, async token =>
        {
            var result = await SoakBench.RunAsync(TimeSpan.FromMinutes(pr.GetValue(minutes)), pr.GetValue(banks), pr.GetValue(seed), Console.Out, token);
            return (result.Summary, result.Passed ? 0 : 1);
        }));
        return command;
    }
}

using System.Diagnostics;
using SolarHub.Bench.Faults;
using Xunit.Abstractions;

namespace SolarHub.Cli.Tests.Faults;

/// <summary>The fault matrix runs alone: its rows time failovers on real sockets and ptys and share the CPU badly.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FaultBench
{
    public const string Name = "fault bench";
}

/// <summary>
/// The short run of <c>bench faults</c> (every fault, the same checks, shorter observation periods) against a hub in this
/// process on loopback: every row must survive. And the checks themselves must be able to fail: a fault shown to the
/// wrong expectation is a row that did not survive.
/// </summary>
[Collection(FaultBench.Name)]
public sealed class FaultMatrixTests(ITestOutputHelper output)
{
    // The quick matrix of 22 rows took 169 s in a fresh-clone CI run on this 2-core machine (18 rows: 93 s at a load
    // average of 8). A guard against a hang, not a speed check: it leaves room for a slower day.
    private static readonly TimeSpan QuickBound = TimeSpan.FromSeconds(420);

    [Fact]
    public async Task The_quick_matrix_survives_every_fault()
    {
        using var timeout = new CancellationTokenSource(QuickBound);
        var log = new StringWriter();
        var clock = Stopwatch.StartNew();

        var result = await FaultMatrix.RunAsync(quick: true, only: null, log, timeout.Token);

        output.WriteLine(log.ToString());
        output.WriteLine($"{result.Summary} ({clock.Elapsed.TotalSeconds:0} s)");
        result.Rows.Select(r => r.Fault).Should().Equal(FaultMatrix.Names);
        result.Rows.Where(r => !r.Survived).Select(r => $"{r.Fault}: {r.Note}").Should().BeEmpty();
        result.Rows.Should().OnlyContain(r => r.ExceptionsLogged == 0 && r.Lost == 0);
        result.Summary.Should().StartWith($"faults: {result.Rows.Count}/{result.Rows.Count} survived, ");
    }

    [Fact]
    public async Task A_reset_judged_as_a_fault_to_ride_through_is_not_survived()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var scenario = new RideThroughFault("rst judged as ride-through", new RigOptions(),
            r => Task.FromResult($"{r.PrimaryFaults.ResetConnections()} connection(s) reset"), _ => Task.CompletedTask);

        var row = await scenario.RunAsync(quick: true, new StringWriter(), timeout.Token);

        output.WriteLine(row.ToString());
        row.Survived.Should().BeFalse();
        row.FalseFailovers.Should().BeGreaterThanOrEqualTo(1, "the reset made the bank switch to the secondary");
        row.Note.Should().Contain("failover");
    }

    [Fact]
    public async Task Split_writes_judged_as_a_fault_to_fail_over_from_is_not_survived()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var scenario = new FailoverFault("split judged as failover", new RigOptions(),
            r => { r.PrimaryFaults.SplitWrites(1); return Task.FromResult("1-byte writes"); }, clear: null);

        var row = await scenario.RunAsync(quick: true, new StringWriter(), timeout.Token);

        output.WriteLine(row.ToString());
        row.Survived.Should().BeFalse();
        row.Failover.Should().BeNull("the bank rides through split writes");
        row.Note.Should().Contain("never left Healthy");
    }
}

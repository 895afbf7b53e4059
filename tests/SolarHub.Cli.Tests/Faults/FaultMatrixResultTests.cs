using SolarHub.Bench.Faults;

namespace SolarHub.Cli.Tests.Faults;

public sealed class FaultMatrixResultTests
{
    [Fact]
    public void The_summary_names_the_worst_times_and_sums_false_failovers_and_losses()
    {
        var result = new FaultMatrixResult(
        [
            new FaultOutcome("rst", TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(120.4), TimeSpan.FromMilliseconds(1800), 0, TimeSpan.FromMilliseconds(200), 0, 0, true, ""),
            new FaultOutcome("half-open", TimeSpan.FromMilliseconds(450), TimeSpan.FromMilliseconds(470.6), TimeSpan.FromMilliseconds(2500), 2, TimeSpan.FromMilliseconds(600), 0, 1, false, "flapped"),
            new FaultOutcome("split-writes", null, null, null, 0, TimeSpan.FromMilliseconds(300), 0, 0, true, "no failover"),
        ]);

        result.AllSurvived.Should().BeFalse();
        result.Summary.Should().Be("faults: 2/3 survived, worst failover 471 ms, worst recovery 2500 ms, false failovers 2, lost 1");
    }

    [Fact]
    public void A_run_without_failovers_says_none_rather_than_zero()
    {
        var result = new FaultMatrixResult([new FaultOutcome("split-writes", null, null, null, 0, TimeSpan.FromMilliseconds(300), 0, 0, true, "no failover")]);

        result.Summary.Should().Be("faults: 1/1 survived, worst failover none, worst recovery none, false failovers 0, lost 0");
        FaultTable.Render(result.Rows).Should().HaveCount(2).And.Subject.Last().Should().StartWith("split-writes  yes");
    }
}

using SolarHub.Bench.Faults;

namespace SolarHub.Cli.Tests.Faults;

public sealed class SoakSlopeTests
{
    [Fact]
    public void The_slope_is_the_least_squares_growth_per_unit()
    {
        SoakBench.Slope([(0, 100), (1, 102), (2, 104), (3, 106)]).Should().BeApproximately(2, 1e-9);
        SoakBench.Slope([(0, 5), (1, 7), (2, 3), (3, 5)]).Should().BeApproximately(-0.4, 1e-9);
        SoakBench.Slope([(1, 5)]).Should().Be(0, "one point has no slope");
        SoakBench.Slope([(1, 5), (1, 9)]).Should().Be(0, "points at one x have no slope");
    }
}

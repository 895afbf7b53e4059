using SolarHub.Core.Banks;

namespace SolarHub.Core.Tests.Banks;

public class TelemetryCadenceTests
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(500);

    [Fact]
    public void An_interval_of_whole_ticks_publishes_on_every_nth_tick()
    {
        var cadence = new TelemetryCadence(Tick, Tick * 3);

        cadence.RidesOnTick.Should().BeTrue();
        Enumerable.Range(0, 7).Select(_ => cadence.Tick()).Should().Equal(false, false, true, false, false, true, false);
    }

    [Fact]
    public void An_interval_of_one_tick_publishes_on_every_tick()
    {
        var cadence = new TelemetryCadence(Tick, Tick);

        Enumerable.Range(0, 3).Select(_ => cadence.Tick()).Should().Equal(true, true, true);
    }

    [Theory]
    [InlineData(1250)] // not a whole number of ticks
    [InlineData(250)]  // shorter than a tick
    public void Any_other_interval_needs_its_own_timer_and_the_tick_never_publishes(int telemetryMs)
    {
        var cadence = new TelemetryCadence(Tick, TimeSpan.FromMilliseconds(telemetryMs));

        cadence.RidesOnTick.Should().BeFalse();
        Enumerable.Range(0, 10).Select(_ => cadence.Tick()).Should().AllBeEquivalentTo(false);
    }
}

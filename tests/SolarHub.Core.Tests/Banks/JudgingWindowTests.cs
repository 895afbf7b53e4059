using SolarHub.Core.Banks;
using static SolarHub.Core.Tests.Banks.Trackers;

namespace SolarHub.Core.Tests.Banks;

public class JudgingWindowTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    [Fact]
    public void Late_ticks_within_four_intervals_change_nothing_and_silences_count_from_the_last_sign()
    {
        var window = new JudgingWindow(Interval);
        window.Tick(T0);
        window.PreviousTick.Should().Be(T0, "the first tick has no predecessor");

        window.Tick(T0 + Interval * 4);

        window.PreviousTick.Should().Be(T0);
        window.SilentSince(T0 - TimeSpan.FromHours(1)).Should().Be(T0 - TimeSpan.FromHours(1));
    }

    [Fact]
    public void A_tick_more_than_four_intervals_late_moves_the_start_of_every_silence_to_itself()
    {
        var window = new JudgingWindow(Interval);
        window.Tick(T0);
        var late = T0 + Interval * 4 + TimeSpan.FromTicks(1);

        window.Tick(late);

        window.From.Should().Be(late);
        window.SilentSince(T0).Should().Be(late);
        window.SilentSince(late + Interval).Should().Be(late + Interval, "signs after the stall count as they are");
        window.PreviousTick.Should().Be(T0);

        window.Tick(late + Interval);
        window.From.Should().Be(late, "one stall moves it once");
    }
}

using SolarHub.Core.Adapters;

namespace SolarHub.Core.Tests.Adapters;

public sealed class StallFenceTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);
    private readonly StallFence _fence = new(TimeSpan.FromMilliseconds(1500), TimeSpan.FromSeconds(5));

    [Fact]
    public void A_process_that_keeps_ticking_polls_freely()
    {
        for (int i = 0; i < 50; i++) _fence.Tick(T0.AddMilliseconds(100 * i)).Should().BeFalse();
        _fence.MayPoll(T0.AddMilliseconds(4950)).Should().BeTrue();
    }

    [Fact]
    public void After_a_stall_reported_by_a_tick_no_poll_goes_out_for_the_quiet_time()
    {
        _fence.Tick(T0);
        var woke = T0.AddSeconds(12);

        _fence.Tick(woke).Should().BeTrue();

        _fence.MayPoll(woke.AddMilliseconds(200)).Should().BeFalse();
        TickUntil(woke, woke.AddSeconds(4.9));
        _fence.MayPoll(woke.AddSeconds(4.9)).Should().BeFalse();
        TickUntil(woke.AddSeconds(4.9), woke.AddSeconds(5));
        _fence.MayPoll(woke.AddSeconds(5)).Should().BeTrue();
    }

    [Fact]
    public void A_poll_due_after_a_stall_before_any_tick_is_held_too()
    {
        _fence.Tick(T0);

        _fence.MayPoll(T0.AddSeconds(10)).Should().BeFalse("the poll timer may fire before the tick after a freeze");
        _fence.Tick(T0.AddSeconds(10.1)).Should().BeFalse("the stall was already seen");
        TickUntil(T0.AddSeconds(10.1), T0.AddSeconds(15));
        _fence.MayPoll(T0.AddSeconds(15)).Should().BeTrue();
    }

    // A running poller ticks every 100 ms.
    private void TickUntil(DateTimeOffset from, DateTimeOffset to)
    {
        for (var t = from.AddMilliseconds(100); t <= to; t = t.AddMilliseconds(100)) _fence.Tick(t);
    }

    [Fact]
    public void A_pause_within_the_tolerance_is_not_a_stall()
    {
        _fence.Tick(T0);
        _fence.Tick(T0.AddMilliseconds(1400)).Should().BeFalse();
        _fence.MayPoll(T0.AddMilliseconds(1450)).Should().BeTrue();
    }
}

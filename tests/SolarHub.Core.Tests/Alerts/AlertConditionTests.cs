using SolarHub.Configuration.Alerts;
using SolarHub.Core.Alerts;

namespace SolarHub.Core.Tests.Alerts;

/// <summary>One rule on one series of values: raise, hold, clear and hysteresis, with explicit times.</summary>
public sealed class AlertConditionTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    // Cell delta: raised at or above 0.10 V for 60 s, cleared at or below 0.07 V for 60 s.
    private static AlertCondition CellDelta() => new(new AlertRule(AlertKind.CellDelta, true, 0.10, 0.07, TimeSpan.FromSeconds(60)));

    private static DateTimeOffset At(double seconds) => T0.AddSeconds(seconds);

    [Fact]
    public void A_value_past_the_raise_threshold_raises_only_once_it_stayed_there_for_the_whole_duration()
    {
        var c = CellDelta();
        c.Observe(0.12, At(0)).Should().Be(AlertTransition.None);
        c.Observe(0.12, At(59.9)).Should().Be(AlertTransition.None, "59.9 s is less than the 60 s the rule asks for");
        c.Active.Should().BeFalse();
        c.Observe(0.11, At(60)).Should().Be(AlertTransition.Raised);
        c.Active.Should().BeTrue();
        c.Since.Should().Be(At(60));
        c.Observe(0.13, At(61)).Should().Be(AlertTransition.None, "raised once, not again for every reading");
    }

    [Fact]
    public void A_spike_shorter_than_the_duration_raises_nothing_and_the_wait_starts_again_after_it()
    {
        var c = CellDelta();
        c.Observe(0.15, At(0));
        c.Observe(0.05, At(30)).Should().Be(AlertTransition.None);
        c.Observe(0.15, At(40)).Should().Be(AlertTransition.None);
        c.Observe(0.15, At(70)).Should().Be(AlertTransition.None, "the wait restarted at 40 s, so 70 s is only 30 s in");
        c.Observe(0.15, At(100)).Should().Be(AlertTransition.Raised);
    }

    [Fact]
    public void A_raised_alert_holds_through_a_dip_shorter_than_the_duration_and_clears_after_a_whole_one()
    {
        var c = Raised();
        c.Observe(0.05, At(100)).Should().Be(AlertTransition.None);
        c.Observe(0.05, At(150)).Should().Be(AlertTransition.None, "50 s below the clear threshold is less than 60 s");
        c.Observe(0.12, At(151)).Should().Be(AlertTransition.None, "the dip ended: the alert holds");
        c.Active.Should().BeTrue();
        c.Observe(0.06, At(200)).Should().Be(AlertTransition.None);
        c.Observe(0.06, At(260)).Should().Be(AlertTransition.Cleared);
        c.Active.Should().BeFalse();
    }

    [Fact]
    public void Values_between_the_thresholds_change_nothing_either_way_so_the_alert_cannot_flap()
    {
        var c = CellDelta();
        foreach (var t in Enumerable.Range(0, 300)) c.Observe(0.085 + (t % 2 == 0 ? 0.01 : -0.01), At(t)).Should().Be(AlertTransition.None);
        c.Active.Should().BeFalse("0.075-0.095 V never reaches 0.10 V");

        var raised = Raised();
        // Hovering around the raise threshold, and between the two, for ten minutes: one alert, held throughout.
        var transitions = Enumerable.Range(0, 600).Select(t => raised.Observe(t % 3 == 0 ? 0.101 : 0.08, At(100 + t))).ToList();
        transitions.Should().OnlyContain(t => t == AlertTransition.None);
        raised.Active.Should().BeTrue("0.08 V is above the 0.07 V clear threshold");
    }

    [Fact]
    public void A_low_limit_is_raised_at_or_below_and_cleared_at_or_above()
    {
        var soc = new AlertCondition(new AlertRule(AlertKind.SocLow, true, 15, 20, TimeSpan.FromSeconds(10)));
        soc.Observe(16, At(0)).Should().Be(AlertTransition.None);
        soc.Observe(15, At(1)).Should().Be(AlertTransition.None);
        soc.Observe(14, At(11)).Should().Be(AlertTransition.Raised);
        soc.Observe(19, At(30)).Should().Be(AlertTransition.None, "19 % is between the thresholds");
        soc.Observe(20, At(31)).Should().Be(AlertTransition.None);
        soc.Observe(21, At(41)).Should().Be(AlertTransition.Cleared);
    }

    [Fact]
    public void A_zero_duration_raises_and_clears_on_the_first_value_past_the_threshold()
    {
        var down = new AlertCondition(AlertKinds.Of(AlertKind.BankDown).Default);
        down.Observe(0, At(0)).Should().Be(AlertTransition.None);
        down.Observe(1, At(1)).Should().Be(AlertTransition.Raised);
        down.Observe(0, At(2)).Should().Be(AlertTransition.Cleared);
    }

    [Fact]
    public void A_recheck_ends_a_duration_between_sparse_readings()
    {
        var stale = new AlertCondition(AlertKinds.Of(AlertKind.PackStale).Default);
        stale.Recheck(At(0)).Should().Be(AlertTransition.None, "nothing was observed yet");
        stale.Observe(1, At(0));
        stale.Recheck(At(29)).Should().Be(AlertTransition.None);
        stale.Recheck(At(30)).Should().Be(AlertTransition.Raised);
    }

    [Fact]
    public void A_new_threshold_applies_to_the_next_value()
    {
        var c = Raised();
        c.Rule = c.Rule with { Clear = 0.2, Raise = 0.3, For = TimeSpan.Zero };
        c.Observe(0.12, At(100)).Should().Be(AlertTransition.Cleared, "0.12 V is below the new 0.2 V clear threshold");
    }

    private static AlertCondition Raised()
    {
        var c = CellDelta();
        c.Observe(0.12, At(0));
        c.Observe(0.12, At(60)).Should().Be(AlertTransition.Raised);
        return c;
    }
}

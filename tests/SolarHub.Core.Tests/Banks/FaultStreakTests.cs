using SolarHub.Core.Banks;

namespace SolarHub.Core.Tests.Banks;

public class FaultStreakTests
{
    private static readonly DateTimeOffset T0 = new(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Only_the_first_fault_the_spent_budget_and_one_reminder_a_minute_are_noticed()
    {
        var streak = new FaultStreak();
        var notices = new List<FaultNotice>();
        // Two retries a second for three minutes; the budget is spent at the sixth fault.
        for (int i = 0; i < 360; i++) notices.Add(streak.Fault(T0.AddSeconds(i * 0.5), budgetSpent: i >= 5));

        notices.Where(n => n != FaultNotice.None).Should().Equal(
            FaultNotice.First, FaultNotice.BudgetSpent, FaultNotice.StillFailing, FaultNotice.StillFailing);
        notices[0].Should().Be(FaultNotice.First);
        notices[5].Should().Be(FaultNotice.BudgetSpent);
        notices.IndexOf(FaultNotice.StillFailing).Should().Be(125, "a minute after the budget notice");
        streak.Faults.Should().Be(360);
        streak.Repeating.Should().BeTrue();
    }

    [Fact]
    public void Recovery_ends_the_streak_and_says_how_long_it_lasted()
    {
        var streak = new FaultStreak();
        streak.Recover(T0).Should().BeNull("there was no fault");
        streak.Fault(T0, budgetSpent: false);
        streak.Fault(T0.AddSeconds(1), budgetSpent: true);

        streak.Recover(T0.AddSeconds(3)).Should().Be((2, TimeSpan.FromSeconds(3)));

        (streak.Faults, streak.Since, streak.Repeating).Should().Be((0, null, false));
        streak.Fault(T0.AddSeconds(4), budgetSpent: false).Should().Be(FaultNotice.First, "a new streak starts");
        streak.Fault(T0.AddSeconds(5), budgetSpent: true).Should().Be(FaultNotice.BudgetSpent, "each streak tells it once");
    }

    [Fact]
    public void The_state_changes_of_a_repeating_fault_are_marked_as_retries_until_the_adapter_is_healthy()
    {
        var t = new SolarHub.Core.Banks.AdapterTracker(new SolarHub.Configuration.AdapterConfig("gw", SolarHub.Configuration.AdapterProtocol.JkPassive,
            new SolarHub.Configuration.TcpTransport("127.0.0.1", 1)), rank: 0);

        t.Streak.Fault(T0, budgetSpent: false);
        t.MoveTo(SolarHub.Core.Telemetry.AdapterState.Restarting, "refused", "house", T0)!.Retry.Should().BeFalse("the first fault is news");
        t.MoveTo(SolarHub.Core.Telemetry.AdapterState.Connecting, "restarted after backoff", "house", T0)!.Retry.Should().BeFalse();
        t.Streak.Fault(T0.AddSeconds(1), budgetSpent: false);
        t.MoveTo(SolarHub.Core.Telemetry.AdapterState.Restarting, "refused", "house", T0.AddSeconds(1))!.Retry.Should().BeTrue();
        t.MoveTo(SolarHub.Core.Telemetry.AdapterState.Connecting, "restarted after backoff", "house", T0.AddSeconds(2))!.Retry.Should().BeTrue();
        t.MoveTo(SolarHub.Core.Telemetry.AdapterState.Healthy, "fresh data", "house", T0.AddSeconds(3))!.Retry.Should().BeFalse("the recovery is news");
    }
}

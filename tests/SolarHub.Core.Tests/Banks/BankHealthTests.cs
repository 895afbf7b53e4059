using SolarHub.Core.Banks;
using SolarHub.Core.Configuration;
using SolarHub.Core.Telemetry;
using static SolarHub.Core.Tests.Banks.Trackers;

namespace SolarHub.Core.Tests.Banks;

public class BankHealthTests
{
    private static readonly BankTimings Timings = BankTimings.Default;
    private static readonly TimeSpan StartupWindow = Timings.CompleteSetGrace + Timings.DataDeadline;

    private readonly BankHealth _health = new("bank-1", T0, Timings);

    [Fact]
    public void The_bank_is_healthy_only_with_the_preferred_adapter_healthy_and_every_pack_fresh()
    {
        var primary = In("a", 0, AdapterState.Healthy);

        _health.Reassess(primary, anyFresh: true, allFresh: true, T0).Should().BeNull();
        _health.State.Should().Be(BankState.Healthy);

        _health.Reassess(primary, anyFresh: true, allFresh: false, T0);
        _health.State.Should().Be(BankState.Degraded, "a pack is stale");

        _health.Reassess(In("b", 1, AdapterState.Healthy), anyFresh: true, allFresh: true, T0);
        _health.State.Should().Be(BankState.Degraded, "the active adapter is not the preferred one");
    }

    [Fact]
    public void A_healthy_active_adapter_keeps_the_bank_degraded_even_before_any_pack_is_fresh()
    {
        _health.Reassess(In("a", 0, AdapterState.Healthy), anyFresh: false, allFresh: false, T0 + StartupWindow * 2);
        _health.State.Should().Be(BankState.Degraded);
    }

    [Fact]
    public void A_young_bank_without_data_is_starting_and_goes_down_with_an_alarm_once_the_startup_window_is_over()
    {
        _health.Reassess(null, anyFresh: false, allFresh: false, T0 + StartupWindow - TimeSpan.FromTicks(1)).Should().BeNull();
        _health.State.Should().Be(BankState.Starting);

        var alarm = _health.Reassess(null, anyFresh: false, allFresh: false, T0 + StartupWindow);
        _health.State.Should().Be(BankState.Down);
        alarm.Should().Be(new BankAlarm("bank-1", T0 + StartupWindow, BankAlarmKind.AllAdaptersDown, "no adapter delivers data: telemetry is stale", Cleared: false));

        _health.Reassess(null, anyFresh: false, allFresh: false, T0 + StartupWindow * 2).Should().BeNull("the alarm is raised once");
    }

    [Fact]
    public void A_bank_that_had_an_active_adapter_goes_down_at_once_when_no_data_flows_even_within_the_startup_window()
    {
        _health.Reassess(In("a", 0, AdapterState.Silent), anyFresh: false, allFresh: false, T0).Should().NotBeNull();
        _health.State.Should().Be(BankState.Down);
    }

    [Fact]
    public void Recovering_from_down_clears_the_alarm_naming_the_adapter_data_flows_through()
    {
        _health.Reassess(In("a", 0, AdapterState.Silent), anyFresh: false, allFresh: false, T0);

        var alarm = _health.Reassess(In("b", 1, AdapterState.Healthy), anyFresh: true, allFresh: true, T0 + TimeSpan.FromSeconds(3));

        _health.State.Should().Be(BankState.Degraded);
        alarm.Should().Be(new BankAlarm("bank-1", T0 + TimeSpan.FromSeconds(3), BankAlarmKind.AllAdaptersDown, "data flows again through b", Cleared: true));
        _health.Reassess(In("a", 0, AdapterState.Healthy), anyFresh: true, allFresh: true, T0 + TimeSpan.FromSeconds(4)).Should().BeNull("Degraded to Healthy raises nothing");
    }

    [Fact]
    public void The_startup_grace_is_over_once_the_complete_set_grace_has_passed_since_the_start()
    {
        _health.StartupGraceOver(T0 + Timings.CompleteSetGrace - TimeSpan.FromTicks(1)).Should().BeFalse();
        _health.StartupGraceOver(T0 + Timings.CompleteSetGrace).Should().BeTrue();
    }
}

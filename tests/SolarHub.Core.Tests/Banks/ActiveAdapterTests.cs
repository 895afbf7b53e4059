using SolarHub.Core.Banks;
using SolarHub.Core.Telemetry;
using static SolarHub.Core.Tests.Banks.Trackers;

namespace SolarHub.Core.Tests.Banks;

public class ActiveAdapterTests
{
    private static FailoverPolicy.Decision To(string id, string reason = "test", bool failback = false) => new(id, reason, failback);

    [Fact]
    public void The_first_activation_is_no_failover()
    {
        var active = new ActiveAdapter("bank-1");

        active.SwitchTo(To("a"), T0).Should().BeNull();

        active.Id.Should().Be("a");
        active.Is("a").Should().BeTrue();
        active.FailoverCount.Should().Be(0);
        active.History.Should().BeEmpty();
    }

    [Fact]
    public void A_failover_measures_the_data_gap_from_the_outgoing_adapters_last_reading_and_how_long_it_was_active()
    {
        var active = new ActiveAdapter("bank-1");
        active.SwitchTo(To("a"), T0);
        active.FrameReceived(T0 + TimeSpan.FromSeconds(30));

        var failover = active.SwitchTo(To("b", "a went silent"), T0 + TimeSpan.FromSeconds(32.5));

        failover.Should().NotBeNull();
        failover!.Should().BeEquivalentTo(new { BankId = "bank-1", From = "a", To = "b", Reason = "a went silent", IsFailback = false, DurationMs = 2500.0, PreviousActiveMs = 32500.0 });
        failover.At.Should().Be(T0 + TimeSpan.FromSeconds(32.5));
        active.Id.Should().Be("b");
        active.FailoverCount.Should().Be(1);
    }

    [Fact]
    public void Without_a_reading_since_its_activation_the_gap_runs_from_the_activation()
    {
        var active = new ActiveAdapter("bank-1");
        active.SwitchTo(To("a"), T0);
        active.FrameReceived(T0 + TimeSpan.FromSeconds(1));
        active.SwitchTo(To("b"), T0 + TimeSpan.FromSeconds(2));

        // b never delivered: the gap to the next switch is all of b's time.
        active.SwitchTo(To("a", failback: true), T0 + TimeSpan.FromSeconds(12))!.DurationMs.Should().Be(10_000);
    }

    [Fact]
    public void An_active_adapter_that_left_the_configuration_is_named_as_the_outgoing_one_and_its_last_reading_still_counts()
    {
        var active = new ActiveAdapter("bank-1");
        active.SwitchTo(To("a"), T0);
        active.FrameReceived(T0 + TimeSpan.FromSeconds(5));

        active.Vacate();
        active.Id.Should().BeNull();

        var failover = active.SwitchTo(To("b", "a disabled or removed in configuration"), T0 + TimeSpan.FromSeconds(6), from: "a");
        (failover!.From, failover.DurationMs).Should().Be(("a", 1000.0));
    }

    [Fact]
    public void After_a_vacancy_without_a_named_predecessor_the_next_activation_is_a_first_one()
    {
        var active = new ActiveAdapter("bank-1");
        active.SwitchTo(To("a"), T0);
        active.Vacate();

        active.SwitchTo(To("b"), T0 + TimeSpan.FromSeconds(1)).Should().BeNull();
        active.FailoverCount.Should().Be(0);
    }

    [Fact]
    public void The_history_keeps_the_latest_failovers_newest_first_and_the_count_keeps_them_all()
    {
        var active = new ActiveAdapter("bank-1");
        active.SwitchTo(To("a"), T0);
        int switches = ActiveAdapter.HistoryLength + 7;
        for (int i = 1; i <= switches; i++) active.SwitchTo(To(i % 2 == 0 ? "a" : "b", $"switch {i}"), T0 + TimeSpan.FromSeconds(i));

        active.FailoverCount.Should().Be(switches);
        active.History.Should().HaveCount(ActiveAdapter.HistoryLength);
        active.History[0].Reason.Should().Be($"switch {switches}");
        active.History[^1].Reason.Should().Be($"switch {switches - ActiveAdapter.HistoryLength + 1}");
    }

    [Fact]
    public void A_pin_holds_while_the_forced_adapter_is_healthy_and_breaks_with_its_state_and_reason_otherwise()
    {
        var active = new ActiveAdapter("bank-1");
        var forced = In("b", 1, AdapterState.Healthy);
        active.PinBrokenBy(forced).Should().BeNull("nothing is pinned");

        active.Pin("b");
        active.Forced.Should().Be("b");
        active.PinBrokenBy(forced).Should().BeNull("b is healthy");

        forced.MoveTo(AdapterState.Silent, "no valid frame for 2.0 s", "bank-1", T0);
        active.PinBrokenBy(forced).Should().Be("b Silent: no valid frame for 2.0 s");

        active.Unpin();
        active.Forced.Should().BeNull();
        active.PinBrokenBy(forced).Should().BeNull();
    }
}

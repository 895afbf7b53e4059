using SolarHub.Core.Banks;
using SolarHub.Core.Telemetry;
using static SolarHub.Core.Banks.FailoverPolicy;

namespace SolarHub.Core.Tests.Banks;

public class FailoverPolicyTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan HoldDown = TimeSpan.FromSeconds(10);

    private static Candidate Healthy(string id, int rank, TimeSpan? since = null) => new(id, rank, AdapterState.Healthy, Now - (since ?? TimeSpan.FromMinutes(5)));
    private static Candidate In(string id, int rank, AdapterState state) => new(id, rank, state, null);

    private static Decision? Decide(string? active, bool graceOver = true, string? trouble = null, params Candidate[] adapters) =>
        FailoverPolicy.Decide(adapters, active, Now, HoldDown, graceOver, trouble);

    public static TheoryData<AdapterState> NotHealthy => new()
    {
        AdapterState.Stopped, AdapterState.Connecting, AdapterState.Receiving, AdapterState.Silent, AdapterState.Restarting, AdapterState.Failed,
    };

    [Theory]
    [MemberData(nameof(NotHealthy))]
    public void A_healthy_preferred_active_is_kept_whatever_the_others_do(AdapterState others)
    {
        Decide("a", adapters: [Healthy("a", 0), In("b", 1, others), In("c", 2, others)]).Should().BeNull();
        Decide("a", adapters: [Healthy("a", 0), Healthy("b", 1), Healthy("c", 2)]).Should().BeNull("nothing is wrong: never switch");
    }

    [Fact]
    public void A_healthy_secondary_active_is_kept_while_the_primary_is_not_healthy_or_not_yet_past_the_hold_down()
    {
        foreach (var state in new[] { AdapterState.Connecting, AdapterState.Receiving, AdapterState.Silent, AdapterState.Restarting, AdapterState.Failed, AdapterState.Stopped })
            Decide("b", adapters: [In("a", 0, state), Healthy("b", 1)]).Should().BeNull($"the primary is {state}");

        Decide("b", adapters: [Healthy("a", 0, since: TimeSpan.Zero), Healthy("b", 1)]).Should().BeNull("the primary only just became healthy");
        Decide("b", adapters: [Healthy("a", 0, since: HoldDown - TimeSpan.FromTicks(1)), Healthy("b", 1)]).Should().BeNull("one tick short of the hold-down");
    }

    [Theory]
    [InlineData(AdapterState.Silent, "went silent")]
    [InlineData(AdapterState.Restarting, "lost its connection")]
    [InlineData(AdapterState.Failed, "failed")]
    [InlineData(AdapterState.Stopped, "was stopped")]
    [InlineData(AdapterState.Connecting, "is not healthy")]
    [InlineData(AdapterState.Receiving, "is not healthy")]
    public void An_active_that_is_not_healthy_is_replaced_by_the_best_healthy_one(AdapterState state, string described)
    {
        var decision = Decide("a", trouble: "no valid frame for 2.1 s",
            adapters: [In("a", 0, state), In("b", 1, AdapterState.Receiving), Healthy("d", 3), Healthy("c", 2)]);

        decision.Should().NotBeNull();
        decision!.To.Should().Be("c", "c is the best-ranked healthy adapter (b is only receiving)");
        decision.IsFailback.Should().BeFalse();
        decision.Reason.Should().Be($"a {described}: no valid frame for 2.1 s");
    }

    [Fact]
    public void Losing_the_active_secondary_switches_to_a_healthy_primary_at_once_without_waiting_for_the_hold_down()
    {
        var decision = Decide("b", adapters: [Healthy("a", 0, since: TimeSpan.FromMilliseconds(10)), In("b", 1, AdapterState.Restarting)]);

        decision.Should().Be(new Decision("a", "b lost its connection", IsFailback: false));
    }

    [Theory]
    [MemberData(nameof(NotHealthy))]
    public void Nothing_healthy_means_no_switch(AdapterState state)
    {
        Decide("a", adapters: [In("a", 0, AdapterState.Silent), In("b", 1, state), In("c", 2, AdapterState.Failed)]).Should().BeNull();
        Decide(null, adapters: [In("a", 0, state), In("b", 1, state)]).Should().BeNull();
        Decide(null, adapters: []).Should().BeNull();
    }

    [Fact]
    public void Failback_happens_once_the_better_adapter_has_been_healthy_for_the_hold_down()
    {
        var decision = Decide("c", adapters: [In("a", 0, AdapterState.Silent), Healthy("b", 1, since: HoldDown), Healthy("c", 2)]);

        decision.Should().NotBeNull();
        decision!.To.Should().Be("b");
        decision.IsFailback.Should().BeTrue();
        decision.Reason.Should().Be("b healthy for 10 s (hold-down 10 s)");
    }

    [Fact]
    public void Failback_goes_to_the_best_adapter_past_its_hold_down()
    {
        Decide("c", adapters: [Healthy("a", 0, since: HoldDown * 2), Healthy("b", 1, since: HoldDown * 3), Healthy("c", 2)])!
            .To.Should().Be("a");
        Decide("c", adapters: [Healthy("a", 0, since: TimeSpan.FromSeconds(1)), Healthy("b", 1, since: HoldDown * 3), Healthy("c", 2)])!
            .To.Should().Be("b", "a is better but still in its hold-down; b is past it");
    }

    [Fact]
    public void A_worse_adapter_never_causes_a_switch_away_from_a_healthy_active()
    {
        Decide("a", adapters: [Healthy("a", 0, since: TimeSpan.FromSeconds(1)), Healthy("b", 1, since: TimeSpan.FromHours(1))]).Should().BeNull();
    }

    [Theory]
    [InlineData(AdapterState.Connecting)]
    [InlineData(AdapterState.Receiving)]
    public void At_startup_the_preferred_adapter_is_awaited_during_the_grace_while_it_may_still_come_up(AdapterState preferred)
    {
        Decide(null, graceOver: false, adapters: [In("a", 0, preferred), Healthy("b", 1)]).Should().BeNull();

        var afterGrace = Decide(null, graceOver: true, adapters: [In("a", 0, preferred), Healthy("b", 1)]);
        afterGrace.Should().Be(new Decision("b", "first adapter with a complete set of fresh data", IsFailback: false));
    }

    [Theory]
    [InlineData(AdapterState.Silent)]
    [InlineData(AdapterState.Restarting)]
    [InlineData(AdapterState.Failed)]
    [InlineData(AdapterState.Stopped)]
    public void At_startup_a_preferred_adapter_in_trouble_is_not_awaited(AdapterState preferred)
    {
        Decide(null, graceOver: false, adapters: [In("a", 0, preferred), Healthy("b", 1)])!.To.Should().Be("b");
    }

    [Fact]
    public void At_startup_the_preferred_adapter_wins_as_soon_as_it_is_healthy()
    {
        Decide(null, graceOver: false, adapters: [Healthy("b", 1), Healthy("a", 0, since: TimeSpan.Zero)])!.To.Should().Be("a");
        Decide(null, graceOver: true, adapters: [Healthy("a", 0, since: TimeSpan.Zero), Healthy("b", 1)])!.IsFailback.Should().BeFalse();
    }

    [Fact]
    public void An_active_that_is_no_longer_configured_is_treated_like_no_active()
    {
        Decide("gone", adapters: [In("a", 0, AdapterState.Connecting), Healthy("b", 1)]).Should().Be(
            new Decision("b", "first adapter with a complete set of fresh data", IsFailback: false));
    }
}

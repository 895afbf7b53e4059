using SolarHub.Configuration;
using SolarHub.Core.Banks;
using SolarHub.Core.Telemetry;
using static SolarHub.Core.Tests.Banks.Trackers;

namespace SolarHub.Core.Tests.Banks;

public class BankAdaptersTests
{
    private readonly BankAdapters _adapters = new();

    private AdapterTracker Healthy(string id)
    {
        var t = _adapters.Find(id)!;
        Run(t, T0);
        t.Connected(T0);
        t.MoveTo(AdapterState.Healthy, "complete set", "bank-1", T0);
        return t;
    }

    [Fact]
    public void A_first_configuration_adds_every_adapter_stopped_in_failover_order_and_asks_for_nothing()
    {
        var change = _adapters.Reconcile([Config("a", 1), Config("b", 2)]);

        change.Should().BeEquivalentTo(new { Removed = Array.Empty<AdapterTracker>(), Reconnect = Array.Empty<AdapterTracker>(), Reranked = false });
        _adapters.ByRank.Select(t => (t.Id, t.Rank, t.State, t.IsRunning)).Should().Equal(("a", 0, AdapterState.Stopped, false), ("b", 1, AdapterState.Stopped, false));
    }

    [Fact]
    public void Adapters_no_longer_in_the_order_are_dropped_and_returned_to_be_stopped()
    {
        _adapters.Reconcile([Config("a", 1), Config("b", 2)]);
        var b = _adapters.Find("b")!;

        var change = _adapters.Reconcile([Config("a", 1)]);

        change.Removed.Should().Equal(b);
        change.Removes("b").Should().BeTrue();
        change.Removes("a").Should().BeFalse();
        change.Removes(null).Should().BeFalse();
        _adapters.Contains("b").Should().BeFalse();
    }

    [Fact]
    public void A_running_adapter_whose_connection_changed_is_reconnected_but_a_new_priority_only_reranks()
    {
        _adapters.Reconcile([Config("a", 1), Config("b", 2)]);
        Healthy("a");
        Healthy("b");

        var reranked = _adapters.Reconcile([Config("b", 2, priority: 1), Config("a", 1, priority: 2)]);
        reranked.Reconnect.Should().BeEmpty("a's connection is the same, only its priority changed");
        reranked.Reranked.Should().BeTrue();
        _adapters.ByRank.Select(t => t.Id).Should().Equal("b", "a");

        var moved = _adapters.Reconcile([Config("b", 2, priority: 1), Config("a", 9, priority: 2)]);
        moved.Reconnect.Should().Equal(_adapters.Find("a")!);
        moved.Reranked.Should().BeFalse();
        _adapters.Find("a")!.Config.Transport.Should().Be(new TcpTransport("127.0.0.1", 9), "the tracker takes the new settings");
        _adapters.Find("b")!.Config.Priority.Should().Be(1);
    }

    [Fact]
    public void A_stopped_adapter_whose_connection_changed_needs_no_reconnect()
    {
        _adapters.Reconcile([Config("a", 1)]);

        _adapters.Reconcile([Config("a", 7)]).Reconnect.Should().BeEmpty();
    }

    [Fact]
    public void Removing_the_active_adapter_activates_the_best_healthy_one_at_once()
    {
        _adapters.Reconcile([Config("a", 1), Config("b", 2), Config("c", 3)]);
        Healthy("a");
        Healthy("c");

        var change = _adapters.Reconcile([Config("b", 2), Config("c", 3)]);

        change.Activation(_adapters, active: "a", pinned: false).Should().Be(new FailoverPolicy.Decision("c", "a disabled or removed in configuration", IsFailback: false));
        change.Activation(_adapters, active: "a", pinned: true).Should().NotBeNull("the pin on a removed adapter is gone with it");
    }

    [Fact]
    public void Removing_the_active_adapter_with_nothing_healthy_left_activates_nothing()
    {
        _adapters.Reconcile([Config("a", 1), Config("b", 2)]);
        Healthy("a");

        _adapters.Reconcile([Config("b", 2)]).Activation(_adapters, active: "a", pinned: false).Should().BeNull();
    }

    [Fact]
    public void Ranking_a_healthy_adapter_above_the_active_one_switches_at_once_unless_the_active_one_is_pinned()
    {
        _adapters.Reconcile([Config("a", 1), Config("b", 2)]);
        Healthy("a");
        Healthy("b");

        var change = _adapters.Reconcile([Config("b", 2), Config("a", 1)]);

        change.Activation(_adapters, active: "a", pinned: false).Should().Be(new FailoverPolicy.Decision("b", "priorities changed in configuration", IsFailback: false));
        change.Activation(_adapters, active: "a", pinned: true).Should().BeNull("an operator's pin outranks the configured order");
        change.Activation(_adapters, active: "b", pinned: false).Should().BeNull("the best one is active already");
    }

    [Fact]
    public void Only_a_change_that_moved_adapters_switches_for_priorities()
    {
        _adapters.Reconcile([Config("a", 1), Config("b", 2)]);
        Healthy("b");

        _adapters.Reconcile([Config("b", 2), Config("a", 1)]).Activation(_adapters, active: "a", pinned: false).Should().Be(
            new FailoverPolicy.Decision("b", "priorities changed in configuration", IsFailback: false), "b healthy, now first, a not");
        _adapters.Reconcile([Config("b", 2), Config("a", 1)]).Activation(_adapters, active: "a", pinned: false).Should().BeNull("nothing moved this time");
    }

    [Fact]
    public void The_best_healthy_adapter_is_the_best_ranked_and_every_adapter_is_a_failover_candidate()
    {
        _adapters.Reconcile([Config("a", 1), Config("b", 2), Config("c", 3)]);
        Healthy("c");
        var b = Healthy("b");

        _adapters.BestHealthy.Should().BeSameAs(b);
        _adapters.Candidates.Should().BeEquivalentTo([
            new FailoverPolicy.Candidate("a", 0, AdapterState.Stopped, null),
            new FailoverPolicy.Candidate("b", 1, AdapterState.Healthy, T0),
            new FailoverPolicy.Candidate("c", 2, AdapterState.Healthy, T0),
        ]);
    }
}

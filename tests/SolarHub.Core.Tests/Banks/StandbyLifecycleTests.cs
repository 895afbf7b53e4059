using SolarHub.Core.Banks;
using SolarHub.Core.Configuration;
using SolarHub.Core.Telemetry;
using static SolarHub.Core.Tests.Banks.Trackers;

namespace SolarHub.Core.Tests.Banks;

public class StandbyLifecycleTests
{
    private static readonly TimeSpan ProbeWindow = TimeSpan.FromSeconds(10);

    private static StandbyLifecycle Mode(StandbyMode mode) => new(mode, ProbeWindow);

    private static IEnumerable<string> Ids(IEnumerable<AdapterTracker> trackers) => trackers.Select(t => t.Id);

    [Fact]
    public void Hot_starts_every_stopped_adapter_best_first()
    {
        var a = In("a", 0, AdapterState.Healthy);
        AdapterTracker[] adapters = [Stopped("c", 2), a, Stopped("b", 1)];

        Ids(Mode(StandbyMode.Hot).ToStart(adapters, a)).Should().Equal("b", "c");
    }

    [Theory]
    [InlineData(StandbyMode.Cold)]
    [InlineData(StandbyMode.Probe)]
    public void Cold_runs_only_a_healthy_active_adapter(StandbyMode mode)
    {
        var b = In("b", 1, AdapterState.Healthy);

        Mode(mode).ToStart([Stopped("a", 0), b, Stopped("c", 2)], b).Should().BeEmpty();
    }

    [Fact]
    public void Cold_without_an_active_adapter_starts_one_adapter_at_a_time_best_first()
    {
        var cold = Mode(StandbyMode.Cold);

        Ids(cold.ToStart([Stopped("b", 1), Stopped("a", 0)], active: null)).Should().Equal("a");
        Ids(cold.ToStart([Stopped("b", 1), In("a", 0, AdapterState.Connecting)], active: null)).Should().BeEmpty("a may still come up");
        Ids(cold.ToStart([Stopped("b", 1), In("a", 0, AdapterState.Restarting)], active: null)).Should().Equal(["b"], "a is in trouble: b may help");
    }

    [Fact]
    public void Cold_with_an_unhealthy_active_adapter_starts_the_next_one_unless_another_one_is_already_coming_up()
    {
        var cold = Mode(StandbyMode.Cold);
        var silent = In("a", 0, AdapterState.Silent);

        Ids(cold.ToStart([silent, Stopped("b", 1), Stopped("c", 2)], silent)).Should().Equal("b");
        Ids(cold.ToStart([silent, In("c", 2, AdapterState.Receiving), Stopped("b", 1)], silent)).Should().BeEmpty("c may still become healthy");
    }

    [Fact]
    public void Cold_restarts_a_stopped_active_adapter_and_the_next_one_beside_it()
    {
        var active = Stopped("b", 1);

        Ids(Mode(StandbyMode.Cold).ToStart([Stopped("a", 0), active, Stopped("c", 2)], active)).Should().Equal("b", "a");
    }

    [Fact]
    public void Probes_start_only_the_stopped_adapters_ranked_above_the_active_one()
    {
        var probe = Mode(StandbyMode.Probe);
        var active = In("c", 2, AdapterState.Healthy);

        Ids(probe.ProbesToStart([Stopped("d", 3), active, In("b", 1, AdapterState.Connecting), Stopped("a", 0)], active, T0)).Should().Equal("a");
        Ids(probe.ProbesToStart([Stopped("b", 1), Stopped("a", 0)], active: null, T0)).Should().BeEquivalentTo(["a", "b"], "without an active adapter every stopped one is worth a probe");
    }

    [Fact]
    public void A_probe_that_ends_its_window_unhealthy_and_inactive_is_stopped_and_forgotten()
    {
        var probe = Mode(StandbyMode.Probe);
        var adapters = new BankAdapters();
        adapters.Reconcile([Config("a", 1), Config("b", 2), Config("c", 3)]);
        var a = adapters.Find("a")!;
        var b = adapters.Find("b")!;
        probe.ProbesToStart([a, b], adapters.Find("c"), T0);
        Run(a, T0);
        Run(b, T0);
        a.MoveTo(AdapterState.Receiving, "connected", "bank-1", T0);
        b.MoveTo(AdapterState.Healthy, "complete set", "bank-1", T0);

        probe.ProbesOver(adapters, active: "c", T0 + ProbeWindow - TimeSpan.FromTicks(1)).Should().BeEmpty("the window is not over");
        Ids(probe.ProbesOver(adapters, active: "c", T0 + ProbeWindow)).Should().Equal(["a"], "b became healthy: it stays");
        probe.ProbesOver(adapters, active: "c", T0 + ProbeWindow * 2).Should().BeEmpty("each probe ends once");
    }

    [Fact]
    public void A_probe_that_became_active_is_not_stopped()
    {
        var probe = Mode(StandbyMode.Probe);
        var adapters = new BankAdapters();
        adapters.Reconcile([Config("a", 1)]);
        probe.ProbesToStart(adapters.All, active: null, T0);

        probe.ProbesOver(adapters, active: "a", T0 + ProbeWindow).Should().BeEmpty();
    }
}

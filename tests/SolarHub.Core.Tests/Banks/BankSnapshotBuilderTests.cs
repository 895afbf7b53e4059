using SolarHub.Configuration;
using SolarHub.Core.Banks;
using SolarHub.Core.Telemetry;
using SolarHub.Core.Tests.Support;
using static SolarHub.Core.Tests.Banks.Trackers;

namespace SolarHub.Core.Tests.Banks;

public class BankSnapshotBuilderTests
{
    private static readonly BankConfig Bank = new("bank-1", "Garage",
        [new PackConfig(2), new PackConfig(1)],
        [Config("c", 3, priority: 3), Config("off", 4, enabled: false), Config("b", 2, priority: 2), Config("a", 1, priority: 1)]);

    private readonly BankAdapters _adapters = new();
    private readonly ActiveAdapter _active = new("bank-1");
    private readonly PackFreshness _packs = new("bank-1");

    public BankSnapshotBuilderTests()
    {
        _adapters.Reconcile(Bank.FailoverOrder);
        _packs.Reconcile(Bank.Packs);
    }

    private BankSnapshot Build() => BankSnapshotBuilder.Build(Bank, BankState.Degraded, _active, _adapters, _packs,
        BankTotals.Compute(Bank.Id, T0, BankState.Degraded, _active.Id, _packs.Records));

    [Fact]
    public void Adapters_are_listed_best_first_then_the_disabled_ones_the_bank_does_not_run()
    {
        var b = _adapters.Find("b")!;
        Run(b, T0);
        b.Connected(T0);
        b.Heartbeat(T0, bytes: 1000, frames: 3, checksumErrors: 1, discardedBytes: 7);
        b.MoveTo(AdapterState.Healthy, "complete set of fresh data", "bank-1", T0);
        _active.SwitchTo(new FailoverPolicy.Decision("b", "first", false), T0);

        var snapshot = Build();

        (snapshot.Id, snapshot.Name, snapshot.State, snapshot.ActiveAdapter).Should().Be(("bank-1", "Garage", BankState.Degraded, "b"));
        snapshot.Adapters.Select(a => (a.Id, a.Active, a.State, a.StateReason)).Should().Equal(
            ("a", false, AdapterState.Stopped, "not started"),
            ("b", true, AdapterState.Healthy, "complete set of fresh data"),
            ("c", false, AdapterState.Stopped, "not started"),
            ("off", false, AdapterState.Stopped, "disabled in configuration"));
        snapshot.Adapters[1].Should().BeEquivalentTo(new
        {
            Priority = 2, Enabled = true, Bytes = 1000L, Frames = 3L, ChecksumErrors = 1L, DiscardedBytes = 7L,
            LastHeartbeat = (DateTimeOffset?)T0, HealthySince = (DateTimeOffset?)T0, Transport = "tcp://127.0.0.1:2", Protocol = AdapterProtocol.JkPassive,
        });
        snapshot.Adapters[3].Should().BeEquivalentTo(new { Enabled = false, Transport = "tcp://127.0.0.1:4", Restarts = 0, LastHeartbeat = (DateTimeOffset?)null });
    }

    [Fact]
    public void Packs_come_by_address_with_their_freshness_and_the_failovers_newest_first_with_the_pin_and_count()
    {
        _packs.Update(1, "a", T0, Readings.For(1), sourceTimestamp: 0);
        _active.SwitchTo(new FailoverPolicy.Decision("a", "first", false), T0);
        _active.SwitchTo(new FailoverPolicy.Decision("b", "one", false), T0 + TimeSpan.FromSeconds(1));
        _active.SwitchTo(new FailoverPolicy.Decision("a", "two", true), T0 + TimeSpan.FromSeconds(2));
        _active.Pin("a");

        var snapshot = Build();

        snapshot.Packs.Select(p => (p.Address, p.Stale, p.UpdatedAt)).Should().Equal(((byte)1, false, (DateTimeOffset?)T0), ((byte)2, true, (DateTimeOffset?)null));
        snapshot.Packs[0].Values!.AdapterId.Should().Be("a");
        snapshot.Failovers.Select(f => f.Reason).Should().Equal("two", "one");
        (snapshot.ForcedAdapter, snapshot.FailoverCount).Should().Be(("a", 2L));
        snapshot.Totals.PacksFresh.Should().Be(1);
    }
}

using System.Diagnostics;
using SolarHub.Core.Banks;
using SolarHub.Core.Telemetry;
using SolarHub.Core.Tests.Support;
using SolarHub.Simulator;
using Xunit.Abstractions;

namespace SolarHub.Core.Tests.Integration;

/// <summary>
/// Real sockets on 127.0.0.1, real adapter actors, the bus simulator's faults. The primary is a passive listener on
/// a bus with a JK master; the secondary an active poller on a bus of its own. Hot standby: both run.
/// </summary>
[Collection(RealTime.Name)]
public sealed class LoopbackFailoverTests(ITestOutputHelper output) : BankTestKit(output)
{
    private TcpGatewaySimulator _primary = null!;
    private TcpGatewaySimulator _secondary = null!;

    public override Task InitializeAsync()
    {
        _primary = StartGateway(PrimaryBus);
        _secondary = StartGateway(SecondaryBus);
        return Task.CompletedTask;
    }

    private async Task<BankSnapshot> StartHealthyAsync()
    {
        StartBank(BankOf(PassiveTcp(Primary, 1, _primary.LocalEndPoint), ActiveTcp(Secondary, 2, _secondary.LocalEndPoint)));
        var snapshot = await UntilAsync(Primary, Primary, Secondary);
        Failovers.Drain<FailoverOccurred>().Should().BeEmpty("the first choice is not a failover");
        ClearEvents();
        return snapshot;
    }

    [Fact]
    public async Task A_reset_primary_connection_fails_over_at_once_and_fails_back_after_the_primary_is_healthy_for_the_hold_down()
    {
        await StartHealthyAsync();

        _primary.Faults.ResetConnections().Should().Be(1);
        var failover = ExpectFailover(Primary, Secondary);
        failover.Reason.Should().StartWith("primary lost its connection:", "a reset is noticed by the read, not by the data deadline");
        ExpectTelemetryFrom(Secondary, AllPacks);

        // The reset was one-shot: the primary reconnects, gets healthy, and the bank returns to it after the hold-down.
        var healthyAgain = ExpectState(Primary, AdapterState.Healthy);
        var failback = ExpectFailover(Secondary, Primary, failback: true);
        (failback.At - healthyAgain.At).Should().BeGreaterThanOrEqualTo(Timings.FailbackHoldDown);
        (failback.At - healthyAgain.At).Should().BeLessThan(Timings.FailbackHoldDown * 2);
        ExpectTelemetryFrom(Primary, AllPacks);

        var snapshot = await SnapshotAsync();
        snapshot.ActiveAdapter.Should().Be(Primary);
        snapshot.Failovers.Should().Equal(failback, failover);
        Alarms.Drain<BankAlarm>().Should().BeEmpty("data never stopped flowing");
    }

    [Fact]
    public async Task A_dead_gateway_fails_over_its_adapter_fails_after_its_restart_budget_and_the_bank_returns_when_it_is_back()
    {
        await StartHealthyAsync();
        var endPoint = _primary.LocalEndPoint;

        _primary.Faults.ResetConnections();
        await _primary.DisposeAsync(); // connections refused from now on
        ExpectFailover(Primary, Secondary);
        ExpectTelemetryFrom(Secondary, AllPacks);

        var failed = ExpectState(Primary, AdapterState.Failed, TimeSpan.FromSeconds(15));
        failed.Reason.Should().Contain("cannot open");
        var snapshot = await SnapshotAsync();
        snapshot.Adapters.Single(a => a.Id == Primary).Restarts.Should().BeGreaterThan(Timings.RestartBudget);
        snapshot.ActiveAdapter.Should().Be(Secondary);
        snapshot.State.Should().Be(BankState.Degraded);

        _primary = StartGateway(PrimaryBus, endPoint);
        var healthy = ExpectState(Primary, AdapterState.Healthy, TimeSpan.FromSeconds(15));
        var failback = ExpectFailover(Secondary, Primary, failback: true);
        (failback.At - healthy.At).Should().BeGreaterThanOrEqualTo(Timings.FailbackHoldDown);
        (await SnapshotAsync()).State.Should().Be(BankState.Healthy);
    }

    [Fact]
    public async Task A_half_open_primary_fails_over_after_the_data_deadline()
    {
        await StartHealthyAsync();

        var clock = Stopwatch.StartNew();
        _primary.Faults.Silence();
        var failover = ExpectFailover(Primary, Secondary);
        clock.Elapsed.Should().BeGreaterThan(Timings.DataDeadline * 0.9, "the connection stays open: only the data deadline can tell")
            .And.BeLessThan(Timings.DataDeadline * 2.5);
        failover.Reason.Should().StartWith("primary went silent: no valid frame for");
        ExpectTelemetryFrom(Secondary, AllPacks);
        (await SnapshotAsync()).Adapters.Single(a => a.Id == Primary).State.Should().NotBe(AdapterState.Healthy);

        _primary.Faults.ClearAll();
        ExpectState(Primary, AdapterState.Healthy);
    }

    [Fact]
    public async Task A_gateway_that_accepts_then_never_sends_is_not_trusted_until_a_reconnect_gets_data()
    {
        await StartHealthyAsync();

        _primary.Faults.SilenceNewConnections();
        _primary.Faults.ResetConnections();
        ExpectFailover(Primary, Secondary);
        ExpectState(Primary, AdapterState.Receiving).Reason.Should().StartWith("connected to tcp://127.0.0.1:");
        ExpectState(Primary, AdapterState.Silent).Reason.Should().StartWith("no valid frame for");
        Failovers.ExpectNoMsg(Timings.FailbackHoldDown + TimeSpan.FromSeconds(1));
        (await SnapshotAsync()).ActiveAdapter.Should().Be(Secondary);

        // Connections accepted while muted stay mute: only the reconnect the data deadline forces gets data.
        _primary.Faults.ClearAll();
        ExpectState(Primary, AdapterState.Healthy);
        ExpectFailover(Secondary, Primary, failback: true);
        _primary.ConnectionsAccepted.Should().BeGreaterThan(2);
    }

    [Fact]
    public async Task Garbage_between_frames_is_tolerated_but_a_flood_with_no_valid_frame_fails_over()
    {
        await StartHealthyAsync();
        using var stop = new CancellationTokenSource();
        var flood = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                _primary.Faults.InjectGarbage(48);
                await Task.Delay(15);
            }
        });
        try
        {
            Failovers.ExpectNoMsg(Timings.DataDeadline * 2.5);
            States.Drain<AdapterStateChanged>().Should().NotContain(e => e.AdapterId == Primary, "valid frames keep coming between the garbage");

            var clock = Stopwatch.StartNew();
            _primary.Faults.CorruptChecksums();
            var failover = ExpectFailover(Primary, Secondary);
            clock.Elapsed.Should().BeGreaterThan(Timings.DataDeadline * 0.9).And.BeLessThan(Timings.DataDeadline * 2.5);
            failover.Reason.Should().StartWith("primary went silent: no valid frame for");
            ExpectTelemetryFrom(Secondary, AllPacks);
        }
        finally
        {
            stop.Cancel();
            await flood;
        }
        (await SnapshotAsync()).Adapters.Single(a => a.Id == Primary).ChecksumErrors.Should().BeGreaterThan(0);
    }

    [Fact]
    public async Task A_missing_pack_goes_stale_alone_while_the_others_stay_fresh_and_nothing_fails_over()
    {
        await StartHealthyAsync();

        var clock = Stopwatch.StartNew();
        _primary.Faults.MakePackMissing(3);
        _secondary.Faults.MakePackMissing(3); // it is the same bank: no adapter can see it
        var stale = Packs.FishForMessage<PackTelemetry>(p => p.Stale, Generous);
        stale.Address.Should().Be(3);
        clock.Elapsed.Should().BeGreaterThan(Timings.PackStaleAfter * 0.9);
        var alarm = Alarms.ExpectMsg<BankAlarm>(Generous);
        (alarm.Kind, alarm.Cleared).Should().Be((BankAlarmKind.PackStale, false));
        alarm.Message.Should().StartWith("pack 3:");

        ClearEvents();
        ExpectTelemetryFrom(Primary, 1, 2);
        Packs.FishForMessage<PackTelemetry>(p => p.Address == 2 && p.UpdatedAt > stale.UpdatedAt + Timings.PackStaleAfter, Generous);
        var snapshot = await SnapshotAsync();
        snapshot.ActiveAdapter.Should().Be(Primary);
        snapshot.Adapters.Should().OnlyContain(a => a.State == AdapterState.Healthy);
        snapshot.Packs.Should().ContainSingle(p => p.Stale).Which.Address.Should().Be(3);
        snapshot.State.Should().Be(BankState.Degraded);
        Failovers.Drain<FailoverOccurred>().Should().BeEmpty();
        States.Drain<AdapterStateChanged>().Should().BeEmpty();

        _primary.Faults.RestorePack(3);
        var cleared = Alarms.ExpectMsg<BankAlarm>(Generous);
        (cleared.Kind, cleared.Cleared).Should().Be((BankAlarmKind.PackStale, true));
        Failovers.Drain<FailoverOccurred>().Should().BeEmpty();
    }

    [Fact]
    public async Task A_gateway_dripping_bytes_too_slowly_for_a_frame_within_the_deadline_fails_over()
    {
        await StartHealthyAsync();

        _primary.Faults.Drip(TimeSpan.FromMilliseconds(10)); // a 300-byte frame takes 3 s or more
        var failover = ExpectFailover(Primary, Secondary);
        failover.Reason.Should().StartWith("primary went silent: no valid frame for");
        ExpectTelemetryFrom(Secondary, AllPacks);
        var primary = (await SnapshotAsync()).Adapters.Single(a => a.Id == Primary);
        primary.State.Should().NotBe(AdapterState.Healthy);
    }

    [Fact]
    public async Task A_healthy_bus_with_jitter_and_fragmented_writes_never_fails_over_in_ten_seconds()
    {
        await StartHealthyAsync();
        _primary.Faults.SplitWrites(7);
        var trouble = Subscribed(typeof(FailoverOccurred), typeof(AdapterStateChanged), typeof(BankAlarm));

        trouble.ExpectNoMsg(TimeSpan.FromSeconds(10));

        var telemetry = Packs.Drain<PackTelemetry>();
        telemetry.Should().OnlyContain(p => p.AdapterId == Primary && !p.Stale);
        foreach (var address in AllPacks)
        {
            var times = telemetry.Where(p => p.Address == address).Select(p => p.UpdatedAt).ToList();
            times.Count.Should().BeGreaterThan(30, $"pack {address} is read every ~100 ms");
            var gaps = times.Zip(times.Skip(1), (a, b) => b - a).ToList();
            gaps.Max().Should().BeLessThan(Timings.PackStaleAfter, $"pack {address} never went stale");
        }
        var snapshot = await SnapshotAsync();
        snapshot.State.Should().Be(BankState.Healthy);
        snapshot.Failovers.Should().BeEmpty();
        snapshot.Adapters.Should().OnlyContain(a => a.Restarts == 0 && a.ChecksumErrors == 0);
    }

    [Fact]
    public async Task The_snapshot_shows_adapters_packs_totals_and_the_failover_history()
    {
        var started = DateTimeOffset.UtcNow;
        await StartHealthyAsync();
        _primary.Faults.ResetConnections();
        var failover = ExpectFailover(Primary, Secondary);
        ExpectTelemetryFrom(Secondary, AllPacks);

        var snapshot = await SnapshotAsync();
        var now = DateTimeOffset.UtcNow;
        (snapshot.Id, snapshot.Name, snapshot.ActiveAdapter).Should().Be(("bank-1", "Bank 1", Secondary));

        snapshot.Adapters.Select(a => a.Id).Should().Equal(Primary, Secondary);
        var primary = snapshot.Adapters[0];
        primary.Priority.Should().Be(1);
        primary.Active.Should().BeFalse();
        primary.Restarts.Should().BeGreaterThanOrEqualTo(1);
        primary.LastError.Should().NotBeNullOrEmpty();
        primary.Description.Should().Be($"primary (jk-passive tcp://127.0.0.1:{_primary.LocalEndPoint.Port}, priority 1)");
        var secondary = snapshot.Adapters[1];
        secondary.Active.Should().BeTrue();
        secondary.State.Should().Be(AdapterState.Healthy);
        secondary.StateReason.Should().NotBeNullOrEmpty();
        secondary.HealthySince.Should().BeOnOrAfter(started).And.BeOnOrBefore(failover.At);
        secondary.LastHeartbeat.Should().BeCloseTo(now, TimeSpan.FromSeconds(3));
        secondary.LastFrameAt.Should().BeCloseTo(now, TimeSpan.FromSeconds(3));
        secondary.Frames.Should().BeGreaterThan(0);
        secondary.Bytes.Should().BeGreaterThanOrEqualTo(secondary.Frames * 300);
        secondary.Restarts.Should().Be(0);

        snapshot.Packs.Select(p => p.Address).Should().Equal(AllPacks);
        foreach (var pack in snapshot.Packs)
        {
            pack.Stale.Should().BeFalse();
            pack.UpdatedAt.Should().BeCloseTo(now, TimeSpan.FromSeconds(3));
            pack.Values.Should().NotBeNull();
            pack.Values!.AdapterId.Should().Be(Secondary);
            pack.Values.Cells.Should().HaveCount(16).And.OnlyContain(v => v > 2.5 && v < 3.7);
        }

        snapshot.Totals.ActiveAdapter.Should().Be(Secondary);
        (snapshot.Totals.PacksFresh, snapshot.Totals.PacksTotal, snapshot.Totals.Stale).Should().Be((3, 3, false));
        snapshot.Totals.Voltage.Should().BeInRange(40, 60);
        snapshot.Totals.Soc.Should().BeInRange(1, 100);
        snapshot.State.Should().Be(BankState.Degraded, "the preferred adapter is not the active one");
        snapshot.Failovers.Should().Equal(failover);
    }
}

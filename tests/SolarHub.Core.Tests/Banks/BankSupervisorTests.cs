using Akka.Actor;
using Akka.TestKit;
using SolarHub.Configuration;
using SolarHub.Core.Adapters;
using SolarHub.Core.Banks;
using SolarHub.Core.Configuration;
using SolarHub.Core.Telemetry;
using SolarHub.Core.Tests.Support;
using Xunit.Abstractions;

namespace SolarHub.Core.Tests.Banks;

/// <summary>
/// A bank driven by hand-made adapter reports, in virtual time (Akka's TestScheduler): the adapter children are
/// real, but their transports never open, so every connection, frame, heartbeat and fault is the test's (the
/// children's own heartbeats only add to the test's). Timer-driven decisions are checked against the virtual clock,
/// to the tick.
/// </summary>
public sealed class BankSupervisorTests : Akka.TestKit.Xunit2.TestKit
{
    private const string Config = """
        akka.scheduler.implementation = "Akka.TestKit.TestScheduler, Akka.TestKit"
        akka.loglevel = INFO
        akka.log-dead-letters = off
        akka.test.single-expect-default = 10s
        # Own threads: one test deliberately blocks an adapter's thread; the shared thread pool must not starve.
        akka.actor.default-dispatcher {
          executor = fork-join-executor
          fork-join-executor { parallelism-min = 6, parallelism-factor = 1.0, parallelism-max = 6 }
        }
        """;

    private const string Primary = "primary";
    private const string Secondary = "secondary";
    private const int PrimaryPort = 1;
    private const int SecondaryPort = 2;
    private static readonly byte[] AllPacks = [1, 2, 3];

    private static readonly BankConfig BankConfig = new("bank-1", "Bank 1",
        [new PackConfig(1), new PackConfig(2), new PackConfig(3)],
        [
            new AdapterConfig(Secondary, AdapterProtocol.JkActive, new TcpTransport("127.0.0.1", SecondaryPort), Priority: 2),
            new AdapterConfig(Primary, AdapterProtocol.JkPassive, new TcpTransport("127.0.0.1", PrimaryPort), Priority: 1),
        ]);

    private static readonly BankTimings Timings = BankTimings.Default;
    private static readonly TimeSpan Step = Timings.HeartbeatInterval;

    private readonly FakeTransports _transports = new();
    private readonly TestProbe _sync;
    private readonly TestProbe _failovers;
    private readonly TestProbe _states;
    private readonly TestProbe _alarms;
    private readonly TestProbe _packs;
    private IActorRef _bank = ActorRefs.Nobody;

    /// <summary>Adapters whose loop beats at every step. The real children beat too, but late and in real time.</summary>
    private readonly HashSet<string> _beating = [Primary, Secondary];

    public BankSupervisorTests(ITestOutputHelper output) : base(Config, output)
    {
        _sync = CreateTestProbe();
        _failovers = Subscribed<FailoverOccurred>();
        _states = Subscribed<AdapterStateChanged>();
        _alarms = Subscribed<BankAlarm>();
        _packs = Subscribed<PackTelemetry>();
    }

    private TestScheduler Clock => (TestScheduler)Sys.Scheduler;

    private TestProbe Subscribed<T>()
    {
        var probe = CreateTestProbe();
        Sys.EventStream.Subscribe(probe.Ref, typeof(T));
        return probe;
    }

    protected override void Dispose(bool disposing)
    {
        _transports.Dispose(); // unblocks adapters whose loop the test killed
        base.Dispose(disposing);
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    private BankSnapshot StartBank(BankTimings? timings = null)
    {
        _bank = Sys.ActorOf(BankSupervisor.Props(BankConfig, timings ?? Timings, AdapterSettings.Default, _transports.Create), "bank");
        return Snapshot();
    }

    /// <summary>A round trip through the bank's mailbox: everything sent (and every timer fired) before it has been handled.</summary>
    private BankSnapshot Snapshot()
    {
        _bank.Tell(GetBankSnapshot.Instance, _sync.Ref);
        return _sync.ExpectMsg<BankSnapshot>();
    }

    private AdapterSnapshot Adapter(BankSnapshot snapshot, string id) => snapshot.Adapters.Single(a => a.Id == id);

    private void Connect(string adapter) => _bank.Tell(new AdapterConnected(adapter, $"fake://{adapter}"));

    private void Deliver(string adapter, params byte[] packs)
    {
        foreach (var address in packs)
            _bank.Tell(new PackReadingReceived(adapter, address, Readings.For(address), DateTimeOffset.UtcNow, 0));
    }

    private void Fault(string adapter, string reason = "connection reset by peer") => _bank.Tell(new AdapterFaulted(adapter, reason));

    /// <summary>Advances virtual time one heartbeat interval at a time, feeding the bank after each step.</summary>
    private BankSnapshot Run(TimeSpan duration, Action? eachStep = null)
    {
        var end = Clock.Now + duration;
        var snapshot = Snapshot();
        while (Clock.Now < end)
        {
            Clock.Advance(Step);
            foreach (var adapter in _beating) _bank.Tell(new AdapterHeartbeat(adapter, 0, 0, 0, 0));
            eachStep?.Invoke();
            snapshot = Snapshot();
        }
        return snapshot;
    }

    /// <summary>Both adapters connected with a complete set; the primary active.</summary>
    private BankSnapshot BothHealthy()
    {
        StartBank();
        Connect(Primary);
        Connect(Secondary);
        Deliver(Primary, AllPacks);
        Deliver(Secondary, AllPacks);
        var snapshot = Snapshot();
        Adapter(snapshot, Primary).State.Should().Be(AdapterState.Healthy);
        Adapter(snapshot, Secondary).State.Should().Be(AdapterState.Healthy);
        snapshot.ActiveAdapter.Should().Be(Primary);
        snapshot.State.Should().Be(BankState.Healthy);
        return snapshot;
    }

    private void FeedBoth() { Deliver(Primary, AllPacks); Deliver(Secondary, AllPacks); }

    private void FeedSecondary() => Deliver(Secondary, AllPacks);

    // ---- tests --------------------------------------------------------------------------------------------

    [Fact]
    public void With_both_adapters_healthy_the_primary_is_active_and_nothing_switches_for_a_minute()
    {
        BothHealthy();
        var snapshot = Run(TimeSpan.FromSeconds(60), FeedBoth);

        _failovers.Drain<FailoverOccurred>().Should().BeEmpty();
        snapshot.ActiveAdapter.Should().Be(Primary);
        snapshot.State.Should().Be(BankState.Healthy);
        snapshot.Failovers.Should().BeEmpty();
        snapshot.Packs.Should().OnlyContain(p => !p.Stale);
        snapshot.Adapters.Should().OnlyContain(a => a.State == AdapterState.Healthy && a.Restarts == 0);
        _alarms.Drain<BankAlarm>().Should().BeEmpty();
        var published = _packs.Drain<PackTelemetry>();
        published.Should().NotBeEmpty();
        published.Should().OnlyContain(p => p.AdapterId == Primary && !p.Stale, "only the active adapter's readings are published");
        published.Select(p => p.Address).Distinct().Should().BeEquivalentTo(AllPacks);
    }

    [Fact]
    public void The_primary_without_valid_frames_past_the_data_deadline_goes_silent_and_the_bank_fails_over()
    {
        BothHealthy();
        var lastFrame = Clock.Now;
        _packs.Drain<PackTelemetry>();

        var before = Run(Timings.DataDeadline - Step, FeedSecondary);
        _failovers.Drain<FailoverOccurred>().Should().BeEmpty("the deadline has not passed yet");
        Adapter(before, Primary).State.Should().Be(AdapterState.Healthy);

        var after = Run(Step * 2, FeedSecondary);
        var failover = _failovers.ExpectMsg<FailoverOccurred>();
        failover.From.Should().Be(Primary);
        failover.To.Should().Be(Secondary);
        failover.IsFailback.Should().BeFalse();
        failover.Reason.Should().StartWith("primary went silent: no valid frame for");
        (failover.At - lastFrame).Should().BeGreaterThan(Timings.DataDeadline).And.BeLessThanOrEqualTo(Timings.DataDeadline + Step);
        after.ActiveAdapter.Should().Be(Secondary);
        after.State.Should().Be(BankState.Degraded, "the secondary is not the preferred adapter");

        _states.FishForMessage<AdapterStateChanged>(e => e.AdapterId == Primary && e.To == AdapterState.Silent)
            .From.Should().Be(AdapterState.Healthy);
        _packs.FishForMessage<PackTelemetry>(p => p.AdapterId == Secondary).Stale.Should().BeFalse();

        // The bank told the silent adapter to reconnect: it reports the fault and is restarted.
        AwaitAssert(() =>
        {
            var primary = Adapter(Snapshot(), Primary);
            primary.Restarts.Should().Be(1);
            primary.LastError.Should().StartWith("no valid frame for");
        }, TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void An_adapter_whose_loop_stops_beating_is_restarted_after_the_heartbeat_timeout_and_the_bank_fails_over()
    {
        _transports.Set(PrimaryPort, FakeTransports.Behaviour.Blocking); // the primary's actor never gets its thread back
        _beating.Remove(Primary);
        BothHealthy();
        var lastBeat = Clock.Now; // AdapterConnected counts as a beat
        AwaitCondition(() => _transports.Opens == 2, TimeSpan.FromSeconds(5));

        // Frames keep coming (as if from a buffer): only the heartbeat is missing.
        Run(Timings.HeartbeatTimeout - Step, FeedBoth);
        _failovers.Drain<FailoverOccurred>().Should().BeEmpty("the heartbeat timeout has not passed yet");

        Run(Step * 2, FeedBoth);
        var stopped = _states.FishForMessage<AdapterStateChanged>(e => e.AdapterId == Primary && e.To == AdapterState.Stopped);
        stopped.Reason.Should().StartWith("loop dead: no heartbeat for");
        (stopped.At - lastBeat).Should().BeGreaterThan(Timings.HeartbeatTimeout).And.BeLessThanOrEqualTo(Timings.HeartbeatTimeout + Step);
        _states.FishForMessage<AdapterStateChanged>(e => e.AdapterId == Primary && e.To == AdapterState.Connecting).Reason.Should().Be("starting");

        var failover = _failovers.ExpectMsg<FailoverOccurred>();
        (failover.From, failover.To).Should().Be((Primary, Secondary));
        failover.At.Should().Be(stopped.At);
        failover.Reason.Should().Contain("loop dead", "the history says why the bank failed over");

        var snapshot = Snapshot();
        snapshot.ActiveAdapter.Should().Be(Secondary);
        Adapter(snapshot, Primary).Restarts.Should().Be(1);
        Adapter(snapshot, Primary).LastError.Should().StartWith("loop dead");
        AwaitCondition(() => _transports.Opens == 3, TimeSpan.FromSeconds(5)); // a fresh adapter actor was started
    }

    [Fact]
    public void A_quiet_adapter_whose_loop_is_alive_answers_the_banks_heartbeat_requests_and_is_never_restarted()
    {
        // No beats from the test and no data: the only heartbeats are the real children's answers to the bank's tick.
        _beating.Clear();
        StartBank();
        for (var elapsed = TimeSpan.Zero; elapsed < Timings.HeartbeatTimeout * 2; elapsed += Step)
        {
            Clock.Advance(Step);
            // The answer travels in real time (bank -> backoff supervisor -> adapter -> bank): wait for it before the next tick.
            AwaitCondition(() => Snapshot().Adapters.All(a => a.LastHeartbeat == Clock.Now), TimeSpan.FromSeconds(10));
        }

        var snapshot = Snapshot();
        snapshot.Adapters.Should().OnlyContain(a => a.State == AdapterState.Connecting && a.Restarts == 0);
        _states.Drain<AdapterStateChanged>().Should().NotContain(e => e.Reason.StartsWith("loop dead"));
        _transports.Opens.Should().Be(2, "no adapter was restarted");
    }

    [Fact]
    public void A_stall_of_the_bank_itself_is_not_blamed_on_its_adapters()
    {
        BothHealthy();
        Run(Step * 4, FeedBoth);
        _states.Drain<AdapterStateChanged>();

        // The whole hub stalls for 6 s (GC pause, starved CPU): the bank's next tick comes late, and the adapters'
        // heartbeats and frames are still queued behind it.
        Clock.Advance(Timings.PackStaleAfter + TimeSpan.FromSeconds(1));
        var resumed = Clock.Now;
        var after = Snapshot();
        after.Adapters.Should().OnlyContain(a => a.State == AdapterState.Healthy);
        _states.Drain<AdapterStateChanged>().Should().BeEmpty("neither the heartbeat nor the data deadline may count the stall");
        _failovers.Drain<FailoverOccurred>().Should().BeEmpty();
        _alarms.Drain<BankAlarm>().Should().BeEmpty("nor may the packs' freshness");
        after.Packs.Should().OnlyContain(p => !p.Stale);

        // Judged again from the stall's end: a primary that stays silent is still caught one data deadline later.
        Run(Timings.DataDeadline + Step, FeedSecondary);
        var failover = _failovers.ExpectMsg<FailoverOccurred>();
        (failover.From, failover.To).Should().Be((Primary, Secondary));
        (failover.At - resumed).Should().BeGreaterThan(Timings.DataDeadline);
    }

    [Fact]
    public void A_pack_without_fresh_data_goes_stale_after_its_deadline_while_the_others_stay_fresh_and_nothing_fails_over()
    {
        BothHealthy();
        var lastPack3 = Clock.Now;

        var before = Run(Timings.PackStaleAfter - Step, () => { Deliver(Primary, 1, 2); FeedSecondary(); });
        before.Packs.Should().OnlyContain(p => !p.Stale);
        _alarms.Drain<BankAlarm>().Should().BeEmpty();

        var after = Run(Step * 2, () => { Deliver(Primary, 1, 2); FeedSecondary(); });
        var stale = _packs.FishForMessage<PackTelemetry>(p => p.Stale);
        stale.Address.Should().Be(3);
        stale.UpdatedAt.Should().Be(lastPack3, "a stale pack keeps its last values and their time");
        var alarm = _alarms.ExpectMsg<BankAlarm>();
        (alarm.Kind, alarm.Cleared, alarm.Message).Should().Be((BankAlarmKind.PackStale, false, "pack 3: no fresh data for 5 s"));
        (alarm.At - lastPack3).Should().BeGreaterThan(Timings.PackStaleAfter).And.BeLessThanOrEqualTo(Timings.PackStaleAfter + Step);

        after.Packs.Single(p => p.Address == 3).Stale.Should().BeTrue();
        after.Packs.Where(p => p.Address != 3).Should().OnlyContain(p => !p.Stale && p.UpdatedAt > lastPack3);
        after.Totals.PacksFresh.Should().Be(2);
        after.Totals.Stale.Should().BeFalse();
        after.State.Should().Be(BankState.Degraded);
        after.ActiveAdapter.Should().Be(Primary);
        Adapter(after, Primary).State.Should().Be(AdapterState.Healthy);
        _failovers.Drain<FailoverOccurred>().Should().BeEmpty("a missing pack is not the adapter's fault");
        _packs.Drain<PackTelemetry>().Should().NotContain(p => p.Stale && p.Address != 3);

        Deliver(Primary, 3);
        Snapshot();
        _packs.FishForMessage<PackTelemetry>(p => p.Address == 3).Stale.Should().BeFalse();
        _alarms.ExpectMsg<BankAlarm>().Should().Match<BankAlarm>(a => a.Kind == BankAlarmKind.PackStale && a.Cleared);
        Run(Step, FeedBoth).State.Should().Be(BankState.Healthy, "the bank state follows at the next tick");
    }

    [Fact]
    public void With_every_adapter_down_the_bank_goes_down_once_the_data_is_stale_and_raises_an_alarm_then_recovers()
    {
        BothHealthy();
        var lastData = Clock.Now;
        Fault(Secondary);
        Fault(Primary);

        var degraded = Snapshot();
        degraded.State.Should().Be(BankState.Degraded, "the packs are still fresh");
        degraded.ActiveAdapter.Should().Be(Primary, "there is nothing healthy to switch to");
        _failovers.Drain<FailoverOccurred>().Should().BeEmpty();

        var down = Run(Timings.PackStaleAfter + Step);
        var alarms = _alarms.Drain<BankAlarm>();
        alarms.Where(a => a.Kind == BankAlarmKind.PackStale).Should().HaveCount(3);
        var allDown = alarms.Should().ContainSingle(a => a.Kind == BankAlarmKind.AllAdaptersDown).Subject;
        allDown.Cleared.Should().BeFalse();
        (allDown.At - lastData).Should().BeGreaterThan(Timings.PackStaleAfter);
        down.State.Should().Be(BankState.Down);
        down.Totals.Stale.Should().BeTrue();
        down.Totals.PacksFresh.Should().Be(0);
        _failovers.Drain<FailoverOccurred>().Should().BeEmpty();

        Connect(Secondary);
        Deliver(Secondary, AllPacks);
        var recovered = Snapshot();
        var failover = _failovers.ExpectMsg<FailoverOccurred>();
        (failover.From, failover.To).Should().Be((Primary, Secondary));
        var cleared = _alarms.FishForMessage<BankAlarm>(a => a.Kind == BankAlarmKind.AllAdaptersDown);
        cleared.Cleared.Should().BeTrue();
        cleared.Message.Should().Contain(Secondary);
        recovered.State.Should().Be(BankState.Degraded);
        recovered.Packs.Should().OnlyContain(p => !p.Stale && p.Values!.AdapterId == Secondary);
    }

    [Fact]
    public void A_bank_where_no_adapter_ever_delivers_goes_down_after_the_startup_window()
    {
        StartBank();
        Connect(Primary);
        Connect(Secondary);

        var starting = Run(Timings.CompleteSetGrace + Timings.DataDeadline - Step);
        starting.State.Should().Be(BankState.Starting);
        _alarms.Drain<BankAlarm>().Should().BeEmpty();

        var down = Run(Step * 2);
        down.State.Should().Be(BankState.Down);
        _alarms.ExpectMsg<BankAlarm>().Kind.Should().Be(BankAlarmKind.AllAdaptersDown);
        down.ActiveAdapter.Should().BeNull();
    }

    [Fact]
    public void After_a_failover_the_bank_fails_back_only_once_the_primary_has_been_healthy_for_the_hold_down()
    {
        BothHealthy();
        Fault(Primary, "connection reset by peer");
        var failover = _failovers.ExpectMsg<FailoverOccurred>();
        (failover.From, failover.To, failover.IsFailback).Should().Be((Primary, Secondary, false));
        failover.Reason.Should().Be("primary lost its connection: connection reset by peer");

        Run(Step, FeedSecondary); // the restarted adapter beats
        Connect(Primary);
        Deliver(Primary, AllPacks);
        var healthySince = Adapter(Snapshot(), Primary).HealthySince;
        healthySince.Should().Be(Clock.Now);

        var held = Run(Timings.FailbackHoldDown - Step, FeedBoth);
        _failovers.Drain<FailoverOccurred>().Should().BeEmpty("the hold-down has not passed");
        held.ActiveAdapter.Should().Be(Secondary);

        var after = Run(Step * 2, FeedBoth);
        var failback = _failovers.ExpectMsg<FailoverOccurred>();
        (failback.From, failback.To, failback.IsFailback).Should().Be((Secondary, Primary, true));
        (failback.At - healthySince!.Value).Should().BeGreaterThanOrEqualTo(Timings.FailbackHoldDown).And.BeLessThanOrEqualTo(Timings.FailbackHoldDown + Step);
        after.ActiveAdapter.Should().Be(Primary);
        after.State.Should().Be(BankState.Healthy);
        after.Failovers.Should().HaveCount(2);
        after.Failovers[0].Should().Be(failback, "the history is newest first");
        after.Failovers[1].Should().Be(failover);
    }

    [Fact]
    public void An_adapter_that_keeps_crashing_is_failed_once_its_restart_budget_within_the_window_is_spent()
    {
        var timings = Timings with { RestartBudget = 5, RestartBudgetWindow = TimeSpan.FromSeconds(10) };
        StartBank(timings);
        Connect(Secondary);
        Deliver(Secondary, AllPacks);
        Snapshot();
        _states.Drain<AdapterStateChanged>();

        for (int i = 1; i <= 5; i++) Fault(Primary, $"refused #{i}");
        Snapshot();
        _states.Drain<AdapterStateChanged>().Where(e => e.AdapterId == Primary).Select(e => e.To).Should().Equal(AdapterState.Restarting);
        Adapter(Snapshot(), Primary).State.Should().Be(AdapterState.Restarting);

        // Older crashes leave the window: one more is not too many.
        Run(timings.RestartBudgetWindow + Step, FeedSecondary);
        _states.Drain<AdapterStateChanged>();
        Fault(Primary, "refused #6");
        Adapter(Snapshot(), Primary).State.Should().Be(AdapterState.Restarting);

        for (int i = 7; i <= 10; i++) Fault(Primary, $"refused #{i}");
        Snapshot();
        _states.Drain<AdapterStateChanged>().Should().NotContain(e => e.To == AdapterState.Failed, "five crashes in the window are within the budget");

        Fault(Primary, "refused #11");
        var snapshot = Snapshot();
        var failed = _states.FishForMessage<AdapterStateChanged>(e => e.To == AdapterState.Failed);
        (failed.AdapterId, failed.Reason).Should().Be((Primary, "refused #11"));
        var primary = Adapter(snapshot, Primary);
        primary.State.Should().Be(AdapterState.Failed);
        primary.Restarts.Should().Be(11);
        primary.LastError.Should().Be("refused #11");
        snapshot.ActiveAdapter.Should().Be(Secondary);
    }

    [Fact]
    public void At_startup_a_healthy_secondary_waits_for_the_preferred_adapter_until_the_grace_is_over()
    {
        StartBank();
        Connect(Primary); // connected, but no complete set yet
        Connect(Secondary);
        Deliver(Secondary, AllPacks);

        var waiting = Run(Timings.CompleteSetGrace - Step, () => { Deliver(Primary, 1); FeedSecondary(); });
        waiting.ActiveAdapter.Should().BeNull();
        waiting.State.Should().Be(BankState.Starting);
        _packs.Drain<PackTelemetry>().Should().BeEmpty("nothing is published before an adapter is active");

        var chosen = Run(Step, () => { Deliver(Primary, 1); FeedSecondary(); });
        chosen.ActiveAdapter.Should().Be(Secondary);
        Adapter(chosen, Secondary).Active.Should().BeTrue();
        _failovers.Drain<FailoverOccurred>().Should().BeEmpty("choosing the first active adapter is not a failover");
        _packs.FishForMessage<PackTelemetry>(_ => true).AdapterId.Should().Be(Secondary);
    }

    [Fact]
    public void At_startup_the_preferred_adapter_is_chosen_when_it_becomes_healthy_within_the_grace()
    {
        StartBank();
        Connect(Primary);
        Connect(Secondary);
        Deliver(Secondary, AllPacks);

        Run(TimeSpan.FromSeconds(2), FeedSecondary).ActiveAdapter.Should().BeNull();
        Deliver(Primary, AllPacks);
        var snapshot = Snapshot();
        snapshot.ActiveAdapter.Should().Be(Primary);
        snapshot.State.Should().Be(BankState.Healthy);
        _failovers.Drain<FailoverOccurred>().Should().BeEmpty();
    }

    // ---- failover duration, operator commands -------------------------------------------------------------

    [Fact]
    public void A_failover_records_the_data_gap_it_ended_and_how_long_the_outgoing_adapter_was_active()
    {
        BothHealthy();
        var activeSince = Clock.Now;
        Run(TimeSpan.FromSeconds(3), FeedBoth);
        var lastFrame = Clock.Now;

        Run(Timings.DataDeadline + Step * 2, FeedSecondary);

        var failover = _failovers.ExpectMsg<FailoverOccurred>();
        failover.DurationMs.Should().Be((failover.At - lastFrame).TotalMilliseconds);
        failover.DurationMs.Should().BeGreaterThan(Timings.DataDeadline.TotalMilliseconds);
        failover.PreviousActiveMs.Should().Be((failover.At - activeSince).TotalMilliseconds);
        var snapshot = Snapshot();
        snapshot.FailoverCount.Should().Be(1);
        snapshot.Failovers.Single().DurationMs.Should().Be(failover.DurationMs);
    }

    [Fact]
    public void A_forced_adapter_stays_active_past_the_failback_hold_down_until_released()
    {
        BothHealthy();

        _bank.Tell(new ForceActiveAdapter(Secondary), _sync.Ref);
        _sync.ExpectMsg<AdapterCommandDone>().AdapterId.Should().Be(Secondary);
        var forced = _failovers.ExpectMsg<FailoverOccurred>();
        (forced.From, forced.To, forced.IsFailback).Should().Be((Primary, Secondary, false));
        forced.Reason.Should().Contain("forced active by an operator");

        var held = Run(Timings.FailbackHoldDown * 3, FeedBoth);
        _failovers.Drain<FailoverOccurred>().Should().BeEmpty("a forced adapter is not failed back from while it is healthy");
        held.ActiveAdapter.Should().Be(Secondary);
        held.ForcedAdapter.Should().Be(Secondary);

        _bank.Tell(new ReleaseForcedAdapter(Secondary), _sync.Ref);
        _sync.ExpectMsg<AdapterCommandDone>().Outcome.Should().Contain("released");
        var after = Run(Step, FeedBoth);
        var failback = _failovers.ExpectMsg<FailoverOccurred>();
        (failback.From, failback.To, failback.IsFailback).Should().Be((Secondary, Primary, true));
        after.ForcedAdapter.Should().BeNull();
        after.ActiveAdapter.Should().Be(Primary);
    }

    [Fact]
    public void A_forced_adapter_that_fails_ends_the_pin_and_the_policy_chooses_again()
    {
        BothHealthy();
        _bank.Tell(new ForceActiveAdapter(Secondary), _sync.Ref);
        _sync.ExpectMsg<AdapterCommandDone>();
        _failovers.ExpectMsg<FailoverOccurred>();

        Fault(Secondary, "connection reset by peer");

        var failover = _failovers.ExpectMsg<FailoverOccurred>();
        (failover.From, failover.To).Should().Be((Secondary, Primary));
        var snapshot = Snapshot();
        snapshot.ForcedAdapter.Should().BeNull();
        snapshot.ActiveAdapter.Should().Be(Primary);
    }

    [Fact]
    public void Only_a_known_healthy_adapter_can_be_forced_and_nothing_changes_otherwise()
    {
        StartBank();
        Connect(Primary);
        Deliver(Primary, AllPacks);

        _bank.Tell(new ForceActiveAdapter("nope"), _sync.Ref);
        _sync.ExpectMsg<AdapterNotFound>().Should().Be(new AdapterNotFound("bank-1", "nope"));
        _bank.Tell(new ForceActiveAdapter(Secondary), _sync.Ref);
        _sync.ExpectMsg<AdapterCommandRefused>().Reason.Should().Contain("only a healthy adapter can be forced active");

        var snapshot = Snapshot();
        snapshot.ActiveAdapter.Should().Be(Primary);
        snapshot.ForcedAdapter.Should().BeNull();
        _failovers.Drain<FailoverOccurred>().Should().BeEmpty();
    }

    [Fact]
    public void Disabling_the_active_adapter_at_runtime_fails_over_and_the_snapshot_still_lists_it_as_disabled()
    {
        BothHealthy();

        _bank.Tell(new SetAdapterEnabled(Primary, false), _sync.Ref);
        _sync.ExpectMsg<AdapterCommandDone>().Outcome.Should().Contain("disabled");

        var failover = _failovers.ExpectMsg<FailoverOccurred>();
        (failover.From, failover.To).Should().Be((Primary, Secondary));
        var snapshot = Snapshot();
        snapshot.ActiveAdapter.Should().Be(Secondary);
        var primary = Adapter(snapshot, Primary);
        (primary.Enabled, primary.State, primary.Active).Should().Be((false, AdapterState.Stopped, false));
        primary.Transport.Should().Be($"tcp://127.0.0.1:{PrimaryPort}");

        _bank.Tell(new SetAdapterEnabled("nope", true), _sync.Ref);
        _sync.ExpectMsg<AdapterNotFound>();
        _bank.Tell(new SetAdapterEnabled(Primary, true), _sync.Ref);
        _sync.ExpectMsg<AdapterCommandDone>().Outcome.Should().Contain("enabled");
        Adapter(Snapshot(), Primary).Enabled.Should().BeTrue();
    }

    [Fact]
    public void An_adapter_disabled_and_enabled_again_at_once_starts_a_new_child_beside_the_one_still_stopping()
    {
        BothHealthy();
        var disabled = BankConfig with { Adapters = [.. BankConfig.Adapters.Select(a => a.Id == Secondary ? a with { Enabled = false } : a)] };

        // Both changes are in the mailbox before the first child has terminated (the concurrent-writers fault found it:
        // the new child took the old one's name, Akka refused it, and the bank crashed and restarted every adapter).
        _bank.Tell(new ApplyBankConfig(disabled));
        _bank.Tell(new ApplyBankConfig(BankConfig));
        _bank.Tell(new ApplyBankConfig(disabled));
        _bank.Tell(new ApplyBankConfig(BankConfig));

        var snapshot = Snapshot();
        snapshot.ActiveAdapter.Should().Be(Primary, "the bank did not restart");
        Adapter(snapshot, Primary).State.Should().Be(AdapterState.Healthy);
        Adapter(snapshot, Secondary).State.Should().Be(AdapterState.Connecting);
    }

    [Fact]
    public void The_failover_history_keeps_the_latest_50_newest_first_and_the_count_keeps_every_switch()
    {
        BothHealthy();

        for (int i = 0; i < 60; i++)
        {
            _bank.Tell(new ForceActiveAdapter(i % 2 == 0 ? Secondary : Primary), _sync.Ref);
            _sync.ExpectMsg<AdapterCommandDone>();
        }

        var snapshot = Snapshot();
        snapshot.FailoverCount.Should().Be(60);
        snapshot.Failovers.Should().HaveCount(50);
        snapshot.Failovers[0].To.Should().Be(Primary, "the 60th switch went to the primary and is listed first");
        snapshot.Failovers.Should().BeInDescendingOrder(f => f.At);
        _failovers.Drain<FailoverOccurred>().Should().HaveCount(60);
    }
}

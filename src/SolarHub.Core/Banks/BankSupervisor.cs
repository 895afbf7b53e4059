using Akka.Actor;
using Akka.Event;
using SolarHub.Configuration;
using SolarHub.Core.Adapters;
using SolarHub.Core.Adapters.Transports;
using SolarHub.Core.Configuration;
using SolarHub.Core.Telemetry;

namespace SolarHub.Core.Banks;

/// <summary>
/// One bank. Its children each own one adapter (under a backoff supervisor); the bank judges them only by what
/// they report (heartbeats, frames, faults), picks the active one with <see cref="FailoverPolicy"/>, keeps per-pack
/// freshness and publishes telemetry and events on the event stream. No static state: it can run as a sharded entity.
/// The rules live in plain classes beside it, testable without actors; this actor receives, asks them, starts and stops
/// its children and publishes what they decided. About 330 lines because it is the glue of thirteen messages (ticks,
/// heartbeats, readings, faults, configuration, operator commands); each handler only asks a rule class and acts.
/// </summary>
public sealed class BankSupervisor : ReceiveActor, IWithTimers
{
    private sealed record Tick;
    private sealed record PublishTelemetry;
    private sealed record ProbeStandbys;

    private readonly BankTimings _timings;
    private readonly AdapterSettings _adapterSettings;
    private readonly Func<TransportSettings, IBusTransport> _transports;
    private readonly IAdapterPlacement _placement;
    private readonly BankAdapters _adapters = new();
    // Children started per adapter id, kept when an adapter is removed or disabled: a child started again at once must
    // not take the name of the one still stopping (Akka refuses a name until its holder has terminated).
    private readonly Dictionary<string, int> _childrenStarted = new(StringComparer.Ordinal);
    private readonly PackFreshness _packs;
    private readonly ActiveAdapter _active;
    private readonly BankHealth _health;
    private readonly AdapterJudge _judge;
    private readonly JudgingWindow _window;
    private readonly StandbyLifecycle _standby;
    private readonly TelemetryCadence _telemetry;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private BankConfig _config;
    // Told to every adapter when it changes: with no healthy adapter, each one may be the way back (down-retry).
    private bool _noneHealthy = true;

    public BankSupervisor(BankConfig config, BankTimings timings, AdapterSettings adapterSettings, Func<TransportSettings, IBusTransport>? transports = null,
        IAdapterPlacement? placement = null)
    {
        _config = config;
        _timings = timings;
        _adapterSettings = adapterSettings;
        _transports = transports ?? BusTransports.For;
        _placement = placement ?? LocalAdapterPlacement.Instance;
        _packs = new PackFreshness(config.Id);
        _active = new ActiveAdapter(config.Id);
        _health = new BankHealth(config.Id, Now, timings);
        _judge = new AdapterJudge(timings);
        _window = new JudgingWindow(timings.HeartbeatInterval);
        _standby = new StandbyLifecycle(timings.Standby, timings.ProbeWindow);
        _telemetry = new TelemetryCadence(timings.HeartbeatInterval, timings.TelemetryInterval);

        Receive<AdapterConnected>(m => WithAdapter(m.AdapterId, t => OnConnected(t, m)));
        Receive<AdapterHeartbeat>(m => WithAdapter(m.AdapterId, t => OnHeartbeat(t, m)));
        Receive<PackReadingReceived>(m => WithAdapter(m.AdapterId, t => OnReading(t, m)));
        Receive<PackDeviceInfoReceived>(OnDeviceInfo);
        Receive<AdapterFaulted>(m => WithAdapter(m.AdapterId, t => OnFaulted(t, m.Reason)));
        Receive<Tick>(_ => OnTick());
        Receive<PublishTelemetry>(_ => Publish(Totals()));
        Receive<ProbeStandbys>(_ => OnProbe());
        Receive<GetBankSnapshot>(_ => Sender.Tell(BankSnapshotBuilder.Build(_config, _health.State, _active, _adapters, _packs, Totals(), _placement.ThisNode)));
        Receive<ApplyBankConfig>(m => Apply(m.Config));
        Receive<ForceActiveAdapter>(m => Sender.Tell(Force(m.AdapterId)));
        Receive<ReleaseForcedAdapter>(m => Sender.Tell(Release(m.AdapterId)));
        Receive<SetAdapterEnabled>(m => Sender.Tell(SetEnabled(m.AdapterId, m.Enabled)));
        Receive<Terminated>(t => OnChildTerminated(t.ActorRef));
    }

    public static Props Props(BankConfig config, BankTimings timings, AdapterSettings adapterSettings, Func<TransportSettings, IBusTransport>? transports = null,
        IAdapterPlacement? placement = null) =>
        Akka.Actor.Props.Create(() => new BankSupervisor(config, timings, adapterSettings, transports, placement));

    public ITimerScheduler Timers { get; set; } = null!;

    private string BankId => _config.Id;
    private DateTimeOffset Now => Context.System.Scheduler.Now;
    private AdapterTracker? Active => _adapters.Find(_active.Id);

    protected override void PreStart()
    {
        Apply(_config);
        Timers.StartPeriodicTimer("tick", new Tick(), _timings.HeartbeatInterval);
        if (!_telemetry.RidesOnTick) Timers.StartPeriodicTimer("telemetry", new PublishTelemetry(), _timings.TelemetryInterval);
        if (_timings.Standby == StandbyMode.Probe)
            Timers.StartPeriodicTimer("probe", new ProbeStandbys(), _timings.ProbeInterval);
    }

    private void Apply(BankConfig config)
    {
        _config = config;
        var change = _adapters.Reconcile(config.FailoverOrder);
        foreach (var removed in change.Removed) StopAdapter(removed, "removed from configuration or disabled");
        foreach (var changed in change.Reconnect)
        {
            StopAdapter(changed, "connection settings changed");
            StartAdapter(changed);
        }
        _packs.Reconcile(config.Packs);
        if (_active.Forced is { } forced && !_adapters.Contains(forced)) Unpin($"{forced} disabled or removed in configuration");

        var gone = change.Removes(_active.Id) ? _active.Id : null;
        var activation = change.Activation(_adapters, _active.Id, pinned: _active.Forced is not null);
        if (gone is not null) _active.Vacate();
        if (activation is not null) Activate(activation, from: gone);
        EnsureRunning();
        Reconsider();
    }

    // ---- adapter reports ------------------------------------------------------------------------------------

    private void WithAdapter(string adapterId, Action<AdapterTracker> handle)
    {
        // Reports of a removed or stopped adapter are ignored (a child of an earlier generation may still report once).
        if (_adapters.Find(adapterId) is { IsRunning: true } tracker) handle(tracker);
    }

    private void OnConnected(AdapterTracker t, AdapterConnected m)
    {
        t.Connected(Now);
        Move(t, AdapterState.Receiving, $"connected to {m.Endpoint}");
        Reconsider();
    }

    private void OnHeartbeat(AdapterTracker t, AdapterHeartbeat m)
    {
        t.Heartbeat(Now, m.Bytes, m.ValidFrames, m.ChecksumErrors, m.DiscardedBytes, m.SilenceAfter);
        if (t.State is AdapterState.Restarting or AdapterState.Failed && Move(t, AdapterState.Connecting, "restarted after backoff"))
            Reconsider();
        foreach (var info in m.DeviceInfos) OnDeviceInfo(info);
        foreach (var reading in m.Readings) OnReading(t, reading);
    }

    private void OnDeviceInfo(PackDeviceInfoReceived m) => _log.Info("bank {0}: pack {1} on {2} is {3}", BankId, m.Address, m.AdapterId,
        $"{m.Info.Model} hardware {m.Info.HardwareVersion} software {m.Info.SoftwareVersion} (layout {m.DetectedLayout?.ToString() ?? "not detected"})");

    private void OnReading(AdapterTracker t, PackReadingReceived m)
    {
        var now = Now;
        t.Reading(m.Address, m.Values, now);
        if (_active.Is(t.Id))
        {
            _active.FrameReceived(now);
            PublishPack(_packs.Update(m.Address, t.Id, now, m.Values, m.ReceivedTimestamp));
        }
        if (_judge.BecomesHealthy(t, _packs.Addresses, now) && Move(t, AdapterState.Healthy, "complete set of fresh data"))
            Reconsider();
    }

    private void OnFaulted(AdapterTracker t, string reason)
    {
        bool exhausted = t.Faulted(reason, Now, _timings.RestartBudget, _timings.RestartBudgetWindow);
        switch (t.Streak.Fault(Now, exhausted))
        {
            case FaultNotice.First: _log.Warning("bank {0}: adapter {1} faulted: {2}", BankId, t.Id, reason); break;
            case FaultNotice.BudgetSpent: _log.Warning("bank {0}: adapter {1} failed ({2} faults within {3}), still retrying: {4}", BankId, t.Id, t.Streak.Faults, _timings.RestartBudgetWindow, reason); break;
            case FaultNotice.StillFailing: _log.Warning("bank {0}: adapter {1} still failing ({2} faults since {3:u}): {4}", BankId, t.Id, t.Streak.Faults, t.Streak.Since, reason); break;
            default: _log.Debug("bank {0}: adapter {1} faulted again: {2}", BankId, t.Id, reason); break;
        }
        Move(t, exhausted ? AdapterState.Failed : AdapterState.Restarting, reason);
        Reconsider();
    }

    private void OnChildTerminated(IActorRef child)
    {
        if (_adapters.FindByChild(child) is not { } t) return;
        t.Stopped();
        Move(t, AdapterState.Stopped, "adapter supervisor stopped");
        Reconsider();
    }

    // ---- clocks ---------------------------------------------------------------------------------------------

    private void OnTick()
    {
        var now = Now;
        _window.Tick(now);
        foreach (var t in _adapters.All.Where(a => a.IsRunning).ToList())
        {
            var verdict = _judge.OnTick(t, _packs.Addresses, _window, now);
            switch (verdict.Finding)
            {
                case AdapterFinding.LoopDead:
                    t.Faulted(verdict.Reason, now, _timings.RestartBudget, _timings.RestartBudgetWindow);
                    // Decide the failover while the reason is still the adapter's state, so the history says why.
                    Move(t, AdapterState.Restarting, verdict.Reason);
                    Reconsider();
                    StopAdapter(t, verdict.Reason);
                    StartAdapter(t);
                    break;
                case AdapterFinding.Silent:
                    Move(t, AdapterState.Silent, verdict.Reason);
                    t.Child?.Tell(new ReconnectAdapter(verdict.Reason));
                    break;
                case AdapterFinding.CompleteSet:
                    Move(t, AdapterState.Healthy, verdict.Reason);
                    break;
            }
            if (verdict.AskForHeartbeat) t.Child?.Tell(ReportHeartbeat.Instance);
        }
        foreach (var probe in _standby.ProbesOver(_adapters, _active.Id, now)) StopAdapter(probe, "probe window over without a complete set of data");
        foreach (var update in _packs.MarkStale(now, _window, _timings.PackStaleAfter)) PublishPack(update);

        Reconsider();
        if (_telemetry.Tick()) Publish(Totals());
    }

    private void OnProbe()
    {
        foreach (var t in _standby.ProbesToStart(_adapters.All, Active, Now)) StartAdapter(t);
        Reconsider();
    }

    // ---- decisions ------------------------------------------------------------------------------------------

    private void Reconsider()
    {
        if (_active.PinBrokenBy(_adapters.Find(_active.Forced)) is { } why) Unpin(why);
        if (_active.Forced is null
            && FailoverPolicy.Decide(_adapters.Candidates, _active.Id, Now, _timings.FailbackHoldDown, _health.StartupGraceOver(Now), Active?.StateReason) is { } decision)
            Activate(decision);
        EnsureRunning();
        if (_health.Reassess(Active, _packs.AnyFresh, _packs.AllFresh, Now) is { } alarm) Publish(alarm);
        bool noneHealthy = _adapters.BestHealthy is null;
        if (noneHealthy == _noneHealthy) return;
        _noneHealthy = noneHealthy;
        foreach (var t in _adapters.All) t.Child?.Tell(new RetryUrgency(noneHealthy));
    }

    private void Activate(FailoverPolicy.Decision decision, string? from = null)
    {
        var now = Now;
        var failover = _active.SwitchTo(decision, now, from);
        if (failover is null)
            _log.Info("bank {0}: {1} active ({2})", BankId, decision.To, decision.Reason);
        else
        {
            _log.Warning("bank {0}: {1} from {2} to {3}: {4}", BankId, decision.IsFailback ? "failback" : "failover", failover.From, decision.To, decision.Reason);
            Publish(failover);
        }
        foreach (var update in _packs.Adopt(_adapters.Find(decision.To)!, now, _timings.PackStaleAfter)) PublishPack(update);
    }

    private void EnsureRunning()
    {
        foreach (var t in _standby.ToStart(_adapters.All, Active)) StartAdapter(t);
    }

    private void StartAdapter(AdapterTracker t)
    {
        int number = _childrenStarted[t.Id] = _childrenStarted.GetValueOrDefault(t.Id) + 1;
        var props = _placement.Elsewhere(BankId, t.Config, _config.Packs, Self, _noneHealthy)
            ?? AdapterPropsFactory.Create(t.Config, _config.Packs, Self, _transports(t.Config.Transport), _timings, _adapterSettings, _noneHealthy);
        t.Child = Context.ActorOf(props, $"adapter-{Uri.EscapeDataString(t.Id)}-{number}");
        Context.Watch(t.Child);
        t.StartedAt = Now;
        Move(t, AdapterState.Connecting, "starting");
    }

    private void StopAdapter(AdapterTracker t, string reason)
    {
        if (t.Child is { } child)
        {
            Context.Unwatch(child);
            Context.Stop(child);
        }
        t.Stopped();
        Move(t, AdapterState.Stopped, reason);
    }

    /// <summary>Changes an adapter's state and publishes it; callers run <see cref="Reconsider"/> once they are done.</summary>
    private bool Move(AdapterTracker t, AdapterState state, string reason)
    {
        var change = t.MoveTo(state, reason, BankId, Now);
        if (change is null) return false;
        // While faults repeat, the fault notices speak for each retry's state changes.
        if (change.Retry) _log.Debug("bank {0}: adapter {1} {2} -> {3} ({4})", BankId, t.Id, change.From, change.To, reason);
        else _log.Info("bank {0}: adapter {1} {2} -> {3} ({4})", BankId, t.Id, change.From, change.To, reason);
        if (state == AdapterState.Healthy && t.Streak.Recover(Now) is { } streak)
            _log.Info("bank {0}: adapter {1} recovered after {2} fault(s) in {3:0.0} s", BankId, t.Id, streak.Faults, streak.Lasted.TotalSeconds);
        Publish(change);
        return true;
    }

    // ---- operator commands --------------------------------------------------------------------------------

    private object Force(string adapterId)
    {
        if (AdapterCommandChecks.Force(_config, _adapters, adapterId) is { } answer) return answer;
        _active.Pin(adapterId);
        _log.Warning("bank {0}: adapter {1} forced active by an operator", BankId, adapterId);
        if (!_active.Is(adapterId)) Activate(new FailoverPolicy.Decision(adapterId, $"{adapterId} forced active by an operator", IsFailback: false));
        Reconsider();
        return new AdapterCommandDone(BankId, adapterId, $"adapter '{adapterId}' is active and stays active until released or until it leaves Healthy");
    }

    private object Release(string adapterId)
    {
        if (AdapterCommandChecks.Release(_config, _active.Forced, adapterId) is { } answer) return answer;
        Unpin("released by an operator");
        Reconsider();
        return new AdapterCommandDone(BankId, adapterId, $"adapter '{adapterId}' released: the failover policy chooses the active adapter again");
    }

    private object SetEnabled(string adapterId, bool enabled)
    {
        if (AdapterCommandChecks.SetEnabled(_config, adapterId, enabled) is { } answer) return answer;
        Apply(_config with { Adapters = _config.Adapters.Select(a => a.Id == adapterId ? a with { Enabled = enabled } : a).ToList() });
        return new AdapterCommandDone(BankId, adapterId, $"adapter '{adapterId}' {(enabled ? "enabled" : "disabled")} in the running bank (not stored)");
    }

    private void Unpin(string why)
    {
        _log.Warning("bank {0}: forced activation of {1} ended: {2}", BankId, _active.Forced, why);
        _active.Unpin();
    }

    // ---- telemetry ------------------------------------------------------------------------------------------

    private BankTelemetry Totals() => BankTotals.Compute(BankId, Now, _health.State, _active.Id, _packs.Records);

    private void PublishPack(PackUpdate? update)
    {
        if (update is not { } u) return;
        Publish(u.Telemetry);
        if (u.Alarm is not null) Publish(u.Alarm);
    }

    private void Publish(object message) => Context.System.EventStream.Publish(message);
}

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
/// </summary>
public sealed class BankSupervisor : ReceiveActor, IWithTimers
{
    private sealed record Tick;
    private sealed record PublishTelemetry;
    private sealed record ProbeStandbys;
    private const int FailoverHistory = 50;

    private readonly BankTimings _timings;
    private readonly AdapterSettings _adapterSettings;
    private readonly Func<TransportSettings, IBusTransport> _transports;
    private readonly Dictionary<string, AdapterTracker> _adapters = new();
    private readonly SortedDictionary<byte, PackRecord> _packs = new();
    private readonly Queue<FailoverOccurred> _failovers = new();
    private readonly Dictionary<string, DateTimeOffset> _probeUntil = new();
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private BankConfig _config;
    private string? _active;
    private DateTimeOffset? _activeSince;
    // The active adapter's latest reading: a failover's duration is the data gap from here to the switch.
    private DateTimeOffset? _activeLastFrameAt;
    // An adapter an operator forced active; the policy is not asked while it stays healthy.
    private string? _forced;
    private long _failoverCount;
    private BankState _state = BankState.Starting;
    private DateTimeOffset _startedAt;
    private DateTimeOffset? _lastTick;
    private DateTimeOffset _judgeFrom;
    // Telemetry rides on the tick when its interval is a whole number of ticks (one clock per bank, not two).
    private readonly int _ticksPerTelemetry;
    private int _ticksToTelemetry;

    public BankSupervisor(BankConfig config, BankTimings timings, AdapterSettings adapterSettings, Func<TransportSettings, IBusTransport>? transports = null)
    {
        _config = config;
        _timings = timings;
        _adapterSettings = adapterSettings;
        _transports = transports ?? BusTransports.For;
        _ticksPerTelemetry = timings.TelemetryInterval >= timings.HeartbeatInterval && timings.TelemetryInterval.Ticks % timings.HeartbeatInterval.Ticks == 0
            ? (int)(timings.TelemetryInterval.Ticks / timings.HeartbeatInterval.Ticks)
            : 0;
        _ticksToTelemetry = _ticksPerTelemetry;

        Receive<AdapterConnected>(m => WithAdapter(m.AdapterId, t => OnConnected(t, m)));
        Receive<AdapterHeartbeat>(m => WithAdapter(m.AdapterId, t => OnHeartbeat(t, m)));
        Receive<PackReadingReceived>(m => WithAdapter(m.AdapterId, t => OnReading(t, m)));
        Receive<PackDeviceInfoReceived>(OnDeviceInfo);
        Receive<AdapterFaulted>(m => WithAdapter(m.AdapterId, t => OnFaulted(t, m.Reason)));
        Receive<Tick>(_ => OnTick());
        Receive<PublishTelemetry>(_ => Publish(Totals()));
        Receive<ProbeStandbys>(_ => OnProbe());
        Receive<GetBankSnapshot>(_ => Sender.Tell(Snapshot()));
        Receive<ApplyBankConfig>(m => Apply(m.Config));
        Receive<ForceActiveAdapter>(m => Sender.Tell(Force(m.AdapterId)));
        Receive<ReleaseForcedAdapter>(m => Sender.Tell(Release(m.AdapterId)));
        Receive<SetAdapterEnabled>(m => Sender.Tell(SetEnabled(m.AdapterId, m.Enabled)));
        Receive<Terminated>(t => OnChildTerminated(t.ActorRef));
    }

    public static Props Props(BankConfig config, BankTimings timings, AdapterSettings adapterSettings, Func<TransportSettings, IBusTransport>? transports = null) =>
        Akka.Actor.Props.Create(() => new BankSupervisor(config, timings, adapterSettings, transports));

    public ITimerScheduler Timers { get; set; } = null!;

    private string BankId => _config.Id;
    private DateTimeOffset Now => Context.System.Scheduler.Now;
    private AdapterTracker? Active => _active is null ? null : _adapters.GetValueOrDefault(_active);

    protected override void PreStart()
    {
        _startedAt = Now;
        Apply(_config);
        Timers.StartPeriodicTimer("tick", new Tick(), _timings.HeartbeatInterval);
        if (_ticksPerTelemetry == 0) Timers.StartPeriodicTimer("telemetry", new PublishTelemetry(), _timings.TelemetryInterval);
        if (_timings.Standby == StandbyMode.Probe)
            Timers.StartPeriodicTimer("probe", new ProbeStandbys(), _timings.ProbeInterval);
    }

    // ---- configuration --------------------------------------------------------------------------------------

    private void Apply(BankConfig config)
    {
        _config = config;
        var order = config.FailoverOrder;
        string? activeGone = null;
        foreach (var removed in _adapters.Values.Where(t => order.All(a => a.Id != t.Id)).ToList())
        {
            StopAdapter(removed, "removed from configuration or disabled");
            _adapters.Remove(removed.Id);
            if (removed.Id == _active) activeGone = removed.Id;
        }
        bool reranked = false;
        for (int rank = 0; rank < order.Count; rank++)
        {
            var adapter = order[rank];
            if (_adapters.TryGetValue(adapter.Id, out var existing))
            {
                reranked |= existing.Rank != rank;
                existing.Rank = rank;
                bool connectionChanged = existing.Config with { Priority = 0, Enabled = true } != adapter with { Priority = 0, Enabled = true };
                existing.Reconfigure(adapter);
                if (connectionChanged && existing.IsRunning)
                {
                    StopAdapter(existing, "connection settings changed");
                    StartAdapter(existing);
                }
            }
            else _adapters[adapter.Id] = new AdapterTracker(adapter, rank);
        }

        var addresses = config.Packs.Select(p => p.Address).ToHashSet();
        foreach (var gone in _packs.Keys.Where(a => !addresses.Contains(a)).ToList()) _packs.Remove(gone);
        foreach (var address in addresses) if (!_packs.ContainsKey(address)) _packs[address] = new PackRecord(address);

        if (_forced is not null && !_adapters.ContainsKey(_forced)) Unpin($"{_forced} disabled or removed in configuration");

        // A configuration change is the operator's decision: it applies now, without the failback hold-down.
        var bestHealthy = _adapters.Values.Where(t => t.State == AdapterState.Healthy).MinBy(t => t.Rank);
        if (activeGone is not null)
        {
            _active = null;
            if (bestHealthy is not null) Activate(new FailoverPolicy.Decision(bestHealthy.Id, $"{activeGone} disabled or removed in configuration", IsFailback: false), from: activeGone);
        }
        else if (reranked && _forced is null && bestHealthy is not null && Active is { } active && bestHealthy.Rank < active.Rank)
            Activate(new FailoverPolicy.Decision(bestHealthy.Id, "priorities changed in configuration", IsFailback: false));

        EnsureRunning();
        Reconsider();
    }

    // ---- adapter reports ------------------------------------------------------------------------------------

    private void WithAdapter(string adapterId, Action<AdapterTracker> handle)
    {
        // Reports of a removed or stopped adapter are ignored (a child of an earlier generation may still report once).
        if (_adapters.TryGetValue(adapterId, out var tracker) && tracker.IsRunning) handle(tracker);
    }

    private void OnConnected(AdapterTracker t, AdapterConnected m)
    {
        t.Connected(Now);
        Move(t, AdapterState.Receiving, $"connected to {m.Endpoint}");
        Reconsider();
    }

    private void OnHeartbeat(AdapterTracker t, AdapterHeartbeat m)
    {
        t.Heartbeat(Now, m.Bytes, m.ValidFrames, m.ChecksumErrors, m.DiscardedBytes);
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
        if (t.Id == _active)
        {
            _activeLastFrameAt = now;
            Update(m.Address, t.Id, now, m);
        }
        if (t.State == AdapterState.Receiving && HasCompleteSet(t, now) && Move(t, AdapterState.Healthy, "complete set of fresh data"))
            Reconsider();
    }

    private void OnFaulted(AdapterTracker t, string reason)
    {
        bool exhausted = t.Faulted(reason, Now, _timings.RestartBudget, _timings.RestartBudgetWindow);
        _log.Warning("bank {0}: adapter {1} faulted: {2}", BankId, t.Id, reason);
        Move(t, exhausted ? AdapterState.Failed : AdapterState.Restarting, reason);
        Reconsider();
    }

    private void OnChildTerminated(IActorRef child)
    {
        var t = _adapters.Values.FirstOrDefault(a => Equals(a.Child, child));
        if (t is null) return;
        t.Stopped();
        Move(t, AdapterState.Stopped, "adapter supervisor stopped");
        Reconsider();
    }

    // ---- clocks ---------------------------------------------------------------------------------------------

    private void OnTick()
    {
        var now = Now;
        // A tick far behind its interval means this bank stalled (GC pause, starved CPU): the adapters' reports wait
        // behind it, so a silence measured across the stall says nothing about them or the packs. Judged from here on.
        if (now - _lastTick > _timings.HeartbeatInterval * 4) _judgeFrom = now;
        var previousTick = _lastTick ?? now;
        _lastTick = now;
        foreach (var t in _adapters.Values.Where(a => a.IsRunning).ToList())
        {
            if (t.State is AdapterState.Restarting or AdapterState.Failed) continue; // the backoff supervisor owns that wait
            var lastBeat = Max(t.LastHeartbeat ?? t.StartedAt ?? now, _judgeFrom);
            if (now - lastBeat > _timings.HeartbeatTimeout)
            {
                var reason = $"loop dead: no heartbeat for {(now - lastBeat).TotalSeconds:0.0} s";
                t.Faulted(reason, now, _timings.RestartBudget, _timings.RestartBudgetWindow);
                // Decide the failover while the reason is still the adapter's state, so the history says why.
                Move(t, AdapterState.Restarting, reason);
                Reconsider();
                StopAdapter(t, reason);
                StartAdapter(t);
                continue;
            }
            if (t.State is AdapterState.Receiving or AdapterState.Healthy)
            {
                var lastData = Max(t.LastFrameAt ?? t.ConnectedAt ?? now, _judgeFrom);
                if (now - lastData > _timings.DataDeadline)
                {
                    var reason = $"no valid frame for {(now - lastData).TotalSeconds:0.0} s";
                    Move(t, AdapterState.Silent, reason);
                    t.Child?.Tell(new ReconnectAdapter(reason));
                    continue;
                }
                if (t.State == AdapterState.Receiving && HasCompleteSet(t, now))
                    Move(t, AdapterState.Healthy, "fresh data for every pack that answers");
            }
            // A loop that decoded nothing since the previous tick is asked to beat (its readings beat for it otherwise).
            if (t.LastHeartbeat is not { } beat || beat <= previousTick) t.Child?.Tell(ReportHeartbeat.Instance);
        }

        foreach (var (address, t) in _probeUntil.ToList())
        {
            if (now < t) continue;
            _probeUntil.Remove(address);
            if (_adapters.TryGetValue(address, out var probed) && probed.State != AdapterState.Healthy && probed.Id != _active)
                StopAdapter(probed, "probe window over without a complete set of data");
        }

        foreach (var pack in _packs.Values)
        {
            if (pack.Stale || pack.Latest is null || now - Max(pack.Latest.UpdatedAt, _judgeFrom) <= _timings.PackStaleAfter) continue;
            pack.Stale = true;
            pack.Latest = pack.Latest with { Stale = true };
            Publish(pack.Latest);
            Publish(new BankAlarm(BankId, now, BankAlarmKind.PackStale, $"pack {pack.Address}: no fresh data for {_timings.PackStaleAfter.TotalSeconds:0.#} s", Cleared: false));
        }

        Reconsider();
        if (_ticksPerTelemetry > 0 && --_ticksToTelemetry == 0)
        {
            _ticksToTelemetry = _ticksPerTelemetry;
            Publish(Totals());
        }
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private void OnProbe()
    {
        var active = Active;
        foreach (var t in _adapters.Values.Where(a => !a.IsRunning && (active is null || a.Rank < active.Rank)))
        {
            _probeUntil[t.Id] = Now + _timings.ProbeWindow;
            StartAdapter(t);
        }
        Reconsider();
    }

    private bool HasCompleteSet(AdapterTracker t, DateTimeOffset now)
    {
        if (t.PacksSeenMask == 0) return false;
        bool all = _packs.Keys.All(a => (t.PacksSeenMask & (1 << a)) != 0);
        // A pack missing on the bus must not keep every adapter unhealthy forever.
        return all || (t.FirstFrameAt is { } first && now - first >= _timings.CompleteSetGrace);
    }

    // ---- decisions ------------------------------------------------------------------------------------------

    private void Reconsider()
    {
        if (_forced is not null && _adapters.GetValueOrDefault(_forced) is { State: not AdapterState.Healthy } lost)
            Unpin($"{lost.Id} {lost.State}: {lost.StateReason}");
        if (_forced is not null)
        {
            EnsureRunning();
            UpdateBankState();
            return;
        }
        var candidates = _adapters.Values.Select(t => new FailoverPolicy.Candidate(t.Id, t.Rank, t.State, t.HealthySince)).ToList();
        bool graceOver = Now - _startedAt >= _timings.CompleteSetGrace;
        var decision = FailoverPolicy.Decide(candidates, _active, Now, _timings.FailbackHoldDown, graceOver, Active?.StateReason);
        if (decision is not null) Activate(decision);
        EnsureRunning();
        UpdateBankState();
    }

    private void Activate(FailoverPolicy.Decision decision, string? from = null)
    {
        var now = Now;
        from ??= _active;
        var gap = now - (_activeLastFrameAt ?? _activeSince ?? now);
        var previousActive = _activeSince is { } since ? now - since : (TimeSpan?)null;
        _active = decision.To;
        _activeSince = now;
        _activeLastFrameAt = null;
        var target = _adapters[decision.To];
        if (from is null)
            _log.Info("bank {0}: {1} active ({2})", BankId, decision.To, decision.Reason);
        else
        {
            var failover = new FailoverOccurred(BankId, now, from, decision.To, decision.Reason, decision.IsFailback)
            {
                DurationMs = Math.Round(gap.TotalMilliseconds, 1),
                PreviousActiveMs = previousActive is { } p ? Math.Round(p.TotalMilliseconds, 1) : null,
            };
            _failoverCount++;
            _failovers.Enqueue(failover);
            while (_failovers.Count > FailoverHistory) _failovers.Dequeue();
            _log.Warning("bank {0}: {1} from {2} to {3}: {4}", BankId, decision.IsFailback ? "failback" : "failover", from, decision.To, decision.Reason);
            Publish(failover);
        }
        // A hot standby already holds fresh readings: publish them now rather than waiting for its next frames.
        foreach (var (address, (values, at)) in target.Latest)
            if (now - at <= _timings.PackStaleAfter)
                Update(address, target.Id, at, new PackReadingReceived(target.Id, address, values, at, 0));
    }

    private void EnsureRunning()
    {
        var order = _adapters.Values.OrderBy(t => t.Rank).ToList();
        if (_timings.Standby == StandbyMode.Hot)
        {
            foreach (var t in order.Where(t => !t.IsRunning)) StartAdapter(t);
            return;
        }
        // Cold and probe: run the active adapter; while it is missing or unhealthy, also the next one that may help.
        var active = Active;
        if (active is not null && !active.IsRunning) StartAdapter(active);
        if (active is { State: AdapterState.Healthy }) return;
        if (order.Any(t => t.IsRunning && t.Id != _active && t.State is AdapterState.Connecting or AdapterState.Receiving)) return;
        var next = order.FirstOrDefault(t => !t.IsRunning);
        if (next is not null) StartAdapter(next);
    }

    private void StartAdapter(AdapterTracker t)
    {
        t.Generation++;
        var props = AdapterPropsFactory.Create(t.Config, _config.Packs, Self, _transports(t.Config.Transport), _timings, _adapterSettings);
        t.Child = Context.ActorOf(props, $"adapter-{Uri.EscapeDataString(t.Id)}-{t.Generation}");
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
        _log.Info("bank {0}: adapter {1} {2} -> {3} ({4})", BankId, t.Id, change.From, change.To, reason);
        Publish(change);
        return true;
    }

    private void UpdateBankState()
    {
        var now = Now;
        var active = Active;
        bool anyFresh = _packs.Values.Any(p => !p.Stale);
        bool allFresh = _packs.Count > 0 && _packs.Values.All(p => !p.Stale);
        bool everHealthy = _active is not null;
        var state = active is { State: AdapterState.Healthy } && allFresh && active.Rank == 0 ? BankState.Healthy
            : anyFresh || active is { State: AdapterState.Healthy } ? BankState.Degraded
            : !everHealthy && now - _startedAt < _timings.CompleteSetGrace + _timings.DataDeadline ? BankState.Starting
            : BankState.Down;
        if (state == _state) return;
        var previous = _state;
        _state = state;
        if (state == BankState.Down)
            Publish(new BankAlarm(BankId, now, BankAlarmKind.AllAdaptersDown, "no adapter delivers data: telemetry is stale", Cleared: false));
        else if (previous == BankState.Down)
            Publish(new BankAlarm(BankId, now, BankAlarmKind.AllAdaptersDown, $"data flows again through {_active}", Cleared: true));
    }

    // ---- operator commands --------------------------------------------------------------------------------

    private object Force(string adapterId)
    {
        if (_config.Adapters.All(a => a.Id != adapterId)) return new AdapterNotFound(BankId, adapterId);
        if (!_adapters.TryGetValue(adapterId, out var t))
            return new AdapterCommandRefused(BankId, adapterId, $"adapter '{adapterId}' is disabled: enable it first");
        if (t.State != AdapterState.Healthy)
            return new AdapterCommandRefused(BankId, adapterId, $"adapter '{adapterId}' is {t.State} ({t.StateReason}): only a healthy adapter can be forced active");
        _forced = adapterId;
        _log.Warning("bank {0}: adapter {1} forced active by an operator", BankId, adapterId);
        if (_active != adapterId) Activate(new FailoverPolicy.Decision(adapterId, $"{adapterId} forced active by an operator", IsFailback: false));
        Reconsider();
        return new AdapterCommandDone(BankId, adapterId, $"adapter '{adapterId}' is active and stays active until released or until it leaves Healthy");
    }

    private object Release(string adapterId)
    {
        if (_config.Adapters.All(a => a.Id != adapterId)) return new AdapterNotFound(BankId, adapterId);
        if (_forced != adapterId) return new AdapterCommandDone(BankId, adapterId, $"adapter '{adapterId}' was not forced active; nothing changed");
        Unpin("released by an operator");
        Reconsider();
        return new AdapterCommandDone(BankId, adapterId, $"adapter '{adapterId}' released: the failover policy chooses the active adapter again");
    }

    private object SetEnabled(string adapterId, bool enabled)
    {
        var adapter = _config.Adapters.FirstOrDefault(a => a.Id == adapterId);
        if (adapter is null) return new AdapterNotFound(BankId, adapterId);
        if (adapter.Enabled == enabled) return new AdapterCommandDone(BankId, adapterId, $"adapter '{adapterId}' was already {(enabled ? "enabled" : "disabled")}");
        Apply(_config with { Adapters = _config.Adapters.Select(a => a.Id == adapterId ? a with { Enabled = enabled } : a).ToList() });
        return new AdapterCommandDone(BankId, adapterId, $"adapter '{adapterId}' {(enabled ? "enabled" : "disabled")} in the running bank (not stored)");
    }

    private void Unpin(string why)
    {
        _log.Warning("bank {0}: forced activation of {1} ended: {2}", BankId, _forced, why);
        _forced = null;
    }

    // ---- telemetry ------------------------------------------------------------------------------------------

    private void Update(byte address, string adapterId, DateTimeOffset at, PackReadingReceived m)
    {
        if (!_packs.TryGetValue(address, out var pack))
        {
            if (_config.Packs.Count > 0) return; // not a pack of this bank
            _packs[address] = pack = new PackRecord(address);
        }
        bool wasStale = pack.Stale && pack.Latest is not null;
        pack.Latest = PackTelemetry.From(BankId, address, adapterId, at, m.Values) with { SourceTimestamp = m.ReceivedTimestamp };
        pack.Stale = false;
        Publish(pack.Latest);
        if (wasStale)
            Publish(new BankAlarm(BankId, at, BankAlarmKind.PackStale, $"pack {address}: fresh data again", Cleared: true));
    }

    private BankTelemetry Totals() => BankTotals.Compute(BankId, Now, _state, _active, _packs.Values);

    private BankSnapshot Snapshot() => new(
        BankId, _config.Name, _state, _active,
        _adapters.Values.OrderBy(t => t.Rank).Select(t => new AdapterSnapshot(
            t.Id, t.Config.Describe(), t.Config.Priority, t.Config.Enabled, t.Id == _active, t.State, t.StateReason,
            t.LastHeartbeat, t.LastFrameAt, t.HealthySince, t.Bytes, t.Frames, t.ChecksumErrors, t.Restarts, t.LastError)
        {
            Protocol = t.Config.Protocol,
            Transport = t.Config.Transport.Describe(),
            DiscardedBytes = t.DiscardedBytes,
        }).Concat(_config.Adapters.Where(a => !_adapters.ContainsKey(a.Id)).Select(a => new AdapterSnapshot(
            a.Id, a.Describe(), a.Priority, a.Enabled, Active: false, AdapterState.Stopped, "disabled in configuration",
            null, null, null, 0, 0, 0, 0, null)
        {
            Protocol = a.Protocol,
            Transport = a.Transport.Describe(),
        })).ToList(),
        _packs.Values.Select(p => new PackSnapshot(p.Address, p.UpdatedAt, p.Stale, p.Latest)).ToList(),
        Totals(),
        _failovers.Reverse().ToList())
    {
        ForcedAdapter = _forced,
        FailoverCount = _failoverCount,
    };

    private void Publish(object message) => Context.System.EventStream.Publish(message);
}

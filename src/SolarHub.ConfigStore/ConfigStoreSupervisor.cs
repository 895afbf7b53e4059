// Over 300 lines: one state machine (probing, starting, running, writing, stopping, waiting) whose states share the held
// requests, the backoff and which child runs (the store or the one resting on the start copy); split across files its
// transitions could no longer be read together to see that no request is lost. Its rules (backoff, when to answer at
// once) are small.
using Akka.Actor;
using Akka.Event;
using SolarHub.ConfigStore.StartCopy;
using SolarHub.Database;

namespace SolarHub.ConfigStore;

/// <summary>
/// Keeps one <see cref="HubConfigStore"/> running and holds requests for it while it (re)starts, so none is lost. A
/// store restarts to reload (another process changed the configuration), after a write that lost a race to another
/// client, or when the database failed. A plain backoff supervisor sends what arrives meanwhile to dead letters and
/// the client's ask waits for its timeout; here requests wait until the new store has recovered, then go to it.
/// A reload or a lost race restarts at once; a failure with exponential backoff (0.1 s to 5 s). While the database
/// keeps failing (two failed starts in a row) requests are answered at once with a <see cref="Status.Failure"/>
/// holding a <see cref="ConfigStoreUnavailableException"/> that says why.
/// Before each store starts, the database is opened once outside Akka.Persistence (<see cref="DatabaseProbe"/>): a
/// database that is not there yet (PostgreSQL starting after the hub at boot) is said once and tried again quietly,
/// with backoff, instead of each start flooding the log with the persistence plugin's stack traces.
/// Given a start copy, the first child is a <see cref="RestingConfigStore"/> on it: the journal is recovered only when a
/// write comes (held meanwhile, like any request during a reload) or another client stored a change.
/// </summary>
public sealed class ConfigStoreSupervisor : ReceiveActor, IWithUnboundedStash, IWithTimers
{
    /// <summary>From the store: recovered up to this version.</summary>
    internal sealed record StoreRecovered(long Version);

    /// <summary>From the store: another client stored a change; the store wants to reload.</summary>
    internal sealed record ReloadNeeded
    {
        public static ReloadNeeded Instance { get; } = new();
    }

    /// <summary>To the store: stop now (everything sent before this was handled), to be recovered afresh.</summary>
    internal sealed record ReloadNow
    {
        public static ReloadNow Instance { get; } = new();
    }

    /// <summary>From the store: the write it was handed is answered (stored, refused or a dry run).</summary>
    internal sealed record WriteDone
    {
        public static WriteDone Instance { get; } = new();
    }

    /// <summary>From the store: about to stop after a failure. <paramref name="Transient"/>: a lost write race, not a broken database.</summary>
    internal sealed record StoreFailed(string Reason, bool Transient);

    private sealed record StartStore
    {
        public static StartStore Instance { get; } = new();
    }

    private sealed record Probed(DatabaseAnswer Answer);

    private const int MaxHeld = 10_000;
    private static readonly TimeSpan MinBackoff = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(5);

    private readonly Props _storeProps;
    private Props? _restingProps;
    private bool _resting;
    private readonly Func<CancellationToken, Task<DatabaseAnswer>>? _probe;
    private bool _waitingSaid;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private IActorRef? _store;
    private int _generation;
    private int _held;
    private int _failuresInRow;
    private bool _lastStopTransient;
    private bool _stopExplained;
    private bool _reloading;
    private string? _lastFailure;

    /// <param name="probe">Opens the database before each store starts; null starts the store directly.</param>
    /// <param name="restingProps">The first child instead of the store: a <see cref="RestingConfigStore"/>.</param>
    public ConfigStoreSupervisor(Props storeProps, Func<CancellationToken, Task<DatabaseAnswer>>? probe = null, Props? restingProps = null)
    {
        _storeProps = storeProps;
        _restingProps = restingProps;
        _probe = probe;
        if (probe is null) Starting();
        else Probing();
    }

    /// <param name="followJournal">The store follows other clients' changes by reading <paramref name="database"/>'s stored version.</param>
    /// <param name="restOn">A copy of the stored configuration, current when read: the store rests on it until it is needed
    /// (<see cref="RestingConfigStore"/>); only for a store that follows the journal.</param>
    public static Props Props(bool followJournal, ConfigDatabase database, ConfigStartCopy? restOn = null)
    {
        if (restOn is not null && !followJournal) throw new ArgumentException("only a store that follows the journal can rest on a copy", nameof(restOn));
        Func<CancellationToken, Task<long?>> storedVersion = ct => StoredVersion.ReadAsync(database, ct);
        var store = Akka.Actor.Props.Create(() => new HubConfigStore(followJournal ? storedVersion : null, true));
        var resting = restOn is null ? null : RestingConfigStore.Props(restOn, storedVersion);
        return Akka.Actor.Props.Create(() => new ConfigStoreSupervisor(store, ct => DatabaseProbe.CheckAsync(database, ct), resting));
    }

    public IStash Stash { get; set; } = null!;
    public ITimerScheduler Timers { get; set; } = null!;

    protected override void PreStart()
    {
        if (_probe is null) StartChild();
        else ProbeDatabase();
    }

    // A store that throws stops; this actor decides when the next one starts.
    protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(_ => Directive.Stop);

    /// <summary>
    /// The database is being opened before a store starts. Requests wait for the answer, unless the database is known
    /// to be failing: then they are answered at once with why.
    /// </summary>
    private void Probing()
    {
        Receive<Probed>(probed =>
        {
            if (probed.Answer.IsReachable)
            {
                if (_waitingSaid) _log.Info("configuration store: the database answers again; starting");
                _waitingSaid = false;
                StartChild();
                Become(Starting);
                return;
            }
            _failuresInRow = Math.Max(_failuresInRow + 1, 2);
            _lastFailure = probed.Answer.MayComeUp ? $"waiting for the database: {probed.Answer.Problem}" : probed.Answer.Problem;
            if (!_waitingSaid)
                _log.Warning("configuration store: {0}; trying again every few seconds (this is said once)", _lastFailure);
            _waitingSaid = true;
            _held = 0;
            Stash.UnstashAll();
            Timers.StartSingleTimer("start", StartStore.Instance, Backoff());
            Become(Waiting);
        });
        Receive<WriteDone>(_ => { });
        Receive<Terminated>(_ => { });
        Receive<ReloadNeeded>(_ => { });
        Receive<StoreRecovered>(_ => { });
        ReceiveAny(AnswerUnavailableOrHold);
    }

    private void ProbeDatabase()
    {
        var probe = _probe!;
        Task.Run(async () =>
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            try { return await probe(timeout.Token); }
            catch (OperationCanceledException) { return new DatabaseAnswer("the database did not answer within 15 s", MayComeUp: true); }
        }).PipeTo(Self, success: answer => new Probed(answer));
        Become(Probing);
    }

    /// <summary>The store is recovering: requests wait for it.</summary>
    private void Starting()
    {
        Receive<StoreRecovered>(_ =>
        {
            _failuresInRow = 0;
            _lastFailure = null;
            _held = 0;
            Stash.UnstashAll();
            Become(Running);
        });
        Receive<StoreFailed>(OnStoreFailed);
        Receive<Terminated>(OnTerminated);
        Receive<ReloadNeeded>(_ => { });
        Receive<WriteDone>(_ => { });
        ReceiveAny(Hold);
    }

    /// <summary>
    /// Requests go to the store. A write (a change or a replacement) is handed over alone: until the store says it is
    /// answered, the next requests wait here, not in the store, so a store that stops because the write failed loses none.
    /// </summary>
    private void Running()
    {
        CommonWhileAlive();
        Receive<ProposeChanges>(m => HandOverWrite(m));
        Receive<ReplaceConfig>(m => HandOverWrite(m));
        Receive<WriteDone>(_ => { });
        ReceiveAny(m => _store!.Forward(m));
    }

    private void HandOverWrite(object write)
    {
        if (_resting)
        {
            // The copy cannot store it: the store is recovered first, and the write waits for it as in a reload.
            Hold(write);
            Reload();
            return;
        }
        _store!.Forward(write);
        Become(Writing);
    }

    private void Writing()
    {
        CommonWhileAlive();
        Receive<WriteDone>(_ =>
        {
            _held = 0;
            Stash.UnstashAll();
            Become(Running);
        });
        ReceiveAny(Hold);
    }

    private void CommonWhileAlive()
    {
        Receive<ReloadNeeded>(_ => Reload());
        Receive<StoreFailed>(failed =>
        {
            // The store stops after this; what comes meanwhile waits for the next one.
            OnStoreFailed(failed);
            Become(Stopping);
        });
        Receive<Terminated>(OnTerminated);
        Receive<StoreRecovered>(_ => { });
    }

    private void Reload()
    {
        // The store handles what it was sent before this, then stops.
        _reloading = true;
        _store?.Tell(ReloadNow.Instance);
        Become(Stopping);
    }

    /// <summary>The store is stopping (to reload, or after a failure); new requests wait for the next one.</summary>
    private void Stopping()
    {
        Receive<StoreFailed>(OnStoreFailed);
        Receive<WriteDone>(_ => { });
        Receive<Terminated>(OnTerminated);
        Receive<ReloadNeeded>(_ => { });
        Receive<StoreRecovered>(_ => { });
        ReceiveAny(Hold);
    }

    /// <summary>No store: waiting for the backoff to start the next one.</summary>
    private void Waiting()
    {
        Receive<WriteDone>(_ => { });
        Receive<StartStore>(_ =>
        {
            if (_probe is not null)
            {
                ProbeDatabase();
                return;
            }
            StartChild();
            Become(Starting);
        });
        Receive<StoreFailed>(OnStoreFailed);
        Receive<Terminated>(_ => { });
        Receive<ReloadNeeded>(_ => { });
        Receive<StoreRecovered>(_ => { });
        ReceiveAny(AnswerUnavailableOrHold);
    }

    private bool Unavailable => _failuresInRow >= 2 && _lastFailure is not null;

    /// <summary>While the database is known to be failing a request is answered at once with why; else it waits for the store.</summary>
    private void AnswerUnavailableOrHold(object message)
    {
        if (Unavailable) Sender.Tell(new Status.Failure(new ConfigStoreUnavailableException(_lastFailure!)));
        else Hold(message);
    }

    private void Hold(object message)
    {
        if (_held >= MaxHeld)
        {
            Sender.Tell(new Status.Failure(new ConfigStoreUnavailableException("too many requests while the configuration store restarts")));
            return;
        }
        _held++;
        Stash.Stash();
    }

    private void OnStoreFailed(StoreFailed failed)
    {
        _lastFailure = failed.Reason;
        _lastStopTransient = failed.Transient;
        _stopExplained = true;
        if (failed.Transient) return; // a lost race: the store restarts at once and the client plans again
        _failuresInRow++;
        _log.Warning("configuration store failed ({0} in a row): {1}", _failuresInRow, failed.Reason);
    }

    private void OnTerminated(Terminated terminated)
    {
        if (!Equals(terminated.ActorRef, _store)) return;
        _store = null;
        if (!_stopExplained && !_reloading)
        {
            _failuresInRow++;
            _lastFailure = "the configuration store stopped unexpectedly";
        }
        // A reload or a lost race: the next store at once. A failure: after the backoff.
        bool now = _reloading || _lastStopTransient;
        _reloading = _lastStopTransient = _stopExplained = false;
        if (now)
        {
            StartChild();
            Become(Starting);
            return;
        }
        Timers.StartSingleTimer("start", StartStore.Instance, Backoff());
        Become(Waiting);
        // Held requests are answered now if the database is known to be failing.
        if (Unavailable)
        {
            _held = 0;
            Stash.UnstashAll();
        }
    }

    private TimeSpan Backoff()
    {
        var millis = MinBackoff.TotalMilliseconds * Math.Pow(2, Math.Max(0, _failuresInRow - 1));
        return TimeSpan.FromMilliseconds(Math.Min(millis, MaxBackoff.TotalMilliseconds));
    }

    private void StartChild()
    {
        _generation++;
        _resting = _restingProps is not null;
        _store = Context.ActorOf(_restingProps ?? _storeProps, _resting ? "resting" : $"store-{_generation}");
        _restingProps = null;
        Context.Watch(_store);
    }
}

/// <summary>The configuration database cannot be used right now; <see cref="Exception.Message"/> says why.</summary>
public sealed class ConfigStoreUnavailableException(string reason) : Exception(reason);

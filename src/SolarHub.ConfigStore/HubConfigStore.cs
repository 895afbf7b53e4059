using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using SolarHub.Configuration;
using SolarHub.Configuration.Validation;

namespace SolarHub.ConfigStore;

/// <summary>
/// The configuration hierarchy, event-sourced: each accepted change set is one persisted event (so a change is
/// never half-applied), with snapshots for fast recovery. Every accepted change and the recovered state are
/// published as <see cref="HubConfigChanged"/>. Other processes (the CLI) may write the same journal: given how to read
/// the stored version (<see cref="StoredVersion"/>), the store looks at it every <see cref="FollowInterval"/> and reloads
/// when someone else stored a change.
/// Two writers never both store the same version: the journal's unique (persistence id, sequence number) refuses the
/// second one, which gets <see cref="ChangesFailed"/> and is recovered afresh (its client plans again).
/// </summary>
public sealed class HubConfigStore : ReceivePersistentActor, IWithTimers
{
    public const string Id = "solarhub-config";

    /// <summary>A snapshot is taken once this many change sets were stored since the last one.</summary>
    public const int SnapshotEvery = 100;

    /// <summary>How often a following store reads the stored version: other clients' changes reach a running node within a second.</summary>
    public static readonly TimeSpan FollowInterval = TimeSpan.FromMilliseconds(200);

    private readonly JournalFollower? _follower;
    private readonly bool _supervised;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly RecentWrites _recentWrites = new();
    private HubConfig _config = HubConfig.Empty;
    private long _snapshotSequenceNr;
    private IActorRef? _pendingReply;

    /// <param name="storedVersion">Reads the journal's latest version (<see cref="StoredVersion.ReadAsync"/>) to follow other
    /// clients' changes; null: this store does not follow them (a CLI's, which lives for one command).</param>
    /// <param name="supervised">Runs under a <see cref="ConfigStoreSupervisor"/>: tells it when it recovered, failed or must
    /// reload, and stops to reload only when the supervisor says so (so no request is lost).</param>
    public HubConfigStore(Func<CancellationToken, Task<long?>>? storedVersion, bool supervised)
    {
        _supervised = supervised;
        if (storedVersion is not null) _follower = new JournalFollower(storedVersion, _log);

        Recover<SnapshotOffer>(offer =>
        {
            _config = (HubConfig)offer.Snapshot;
            _snapshotSequenceNr = offer.Metadata.SequenceNr;
        });
        Recover<ConfigChangeSet>(set =>
        {
            _config = Replay(_config, set);
            _recentWrites.Remember(set.RequestId, LastSequenceNr, set.Changes);
        });
        Recover<RecoveryCompleted>(_ =>
        {
            ToSupervisor(new ConfigStoreSupervisor.StoreRecovered(LastSequenceNr));
            Context.System.EventStream.Publish(new HubConfigChanged(_config, LastSequenceNr));
            // A plain query of one number, not Akka.Persistence.Query's event stream: that polled through linq2db and
            // Akka.Streams five times a second and cost an idle node some 15 MB of memory (docs/benchmarks.md, issue 15).
            if (_follower is not null) Timers.StartPeriodicTimer(nameof(JournalFollower.Check), JournalFollower.Check.Instance, FollowInterval);
        });

        Command<GetStoredConfig>(_ => Sender.Tell(new StoredConfig(_config, LastSequenceNr)));
        Command<GetCurrentHubConfig>(_ => Sender.Tell(new HubConfigChanged(_config, LastSequenceNr)));
        Command<ProposeChanges>(p =>
        {
            if (!AnsweredBefore(p)) Handle(p.Changes, p.Source, p.DryRun, planned: false, p.RequestId);
        });
        // A plan holds only changes that alter something: no need to look for no-ops in it (a large import has many).
        Command<ReplaceConfig>(r =>
        {
            if (!AnsweredBefore(r)) Handle(ConfigPlanner.Plan(_config, r.Target), r.Source, r.DryRun, planned: true, r.RequestId);
        });
        Command<JournalFollower.Check>(_ => _follower!.Start(Self));
        Command<JournalFollower.Read>(read =>
        {
            if (_follower!.NewerThan(read, LastSequenceNr) is not { } version) return;
            // Another process stored a change: stop and be recovered from the journal, rather than guessing the
            // change's effect. Supervised, the supervisor first holds new requests, then says when to stop.
            Timers.CancelAll();
            _log.Info("configuration changed by another client (version {0}); reloading", version);
            if (_supervised) Context.Parent.Tell(ConfigStoreSupervisor.ReloadNeeded.Instance);
            else Context.Stop(Self);
        });
        Command<ConfigStoreSupervisor.ReloadNow>(_ => Context.Stop(Self));
        Command<SaveSnapshotSuccess>(s =>
        {
            _snapshotSequenceNr = Math.Max(_snapshotSequenceNr, s.Metadata.SequenceNr);
            DeleteSnapshots(new SnapshotSelectionCriteria(s.Metadata.SequenceNr - 1));
        });
        Command<SaveSnapshotFailure>(f => _log.Warning("configuration snapshot failed: {0}", f.Cause.Message));
        Command<DeleteSnapshotsSuccess>(_ => { });
        Command<DeleteSnapshotsFailure>(_ => { });
    }

    public override string PersistenceId => Id;

    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>A write sent again (its first answer came late or was lost) gets what the first one stored.</summary>
    private bool AnsweredBefore(IConfigWrite write)
    {
        if (!_recentWrites.TryFind(write.RequestId, out var version, out var changes)) return false;
        Answer(new ChangesAccepted(changes, _config, version, Stored: true));
        return true;
    }

    private void Handle(IReadOnlyList<IConfigChange> changes, string source, bool dryRun, bool planned, Guid? requestId)
    {
        if (changes.Any(c => c is null))
        {
            Answer(new ChangesRejected([new ConfigError(0, 0, "", "an empty change in the change set")]));
            return;
        }
        var applied = ConfigChangeApplier.Apply(_config, changes);
        if (!applied.Succeeded)
        {
            Answer(new ChangesRejected(applied.Errors));
            return;
        }
        if (!planned) changes = EffectiveChanges.Of(_config, changes);
        var next = applied.Config;
        var errors = StoredConfigValidator.ValidateChange(_config, next);
        if (errors.Count > 0) { Answer(new ChangesRejected(errors)); return; }
        if (dryRun || changes.Count == 0) { Answer(new ChangesAccepted(changes, next, LastSequenceNr, Stored: false)); return; }

        _pendingReply = Sender;
        Persist(new ConfigChangeSet(DateTimeOffset.UtcNow, source, changes, requestId), set =>
        {
            _config = next;
            _recentWrites.Remember(set.RequestId, LastSequenceNr, set.Changes);
            _pendingReply = null;
            Answer(new ChangesAccepted(set.Changes, _config, LastSequenceNr, Stored: true));
            Context.System.EventStream.Publish(new HubConfigChanged(_config, LastSequenceNr));
            // ">=" rather than "every 100th": a writer that exited before its snapshot was saved (the CLI does) leaves
            // it to the next one.
            if (LastSequenceNr - _snapshotSequenceNr >= SnapshotEvery)
            {
                _snapshotSequenceNr = LastSequenceNr;
                SaveSnapshot(_config);
            }
        });
    }

    /// <summary>Answers a write, and tells the supervisor the next request may come.</summary>
    private void Answer(object answer)
    {
        Sender.Tell(answer);
        ToSupervisor(ConfigStoreSupervisor.WriteDone.Instance);
    }

    protected override void OnPersistRejected(Exception cause, object @event, long sequenceNr)
    {
        _pendingReply?.Tell(new ChangesFailed($"the database rejected the change: {cause.Message}"));
        _pendingReply = null;
        ToSupervisor(ConfigStoreSupervisor.WriteDone.Instance);
        base.OnPersistRejected(cause, @event, sequenceNr);
    }

    protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr)
    {
        // Most often another client stored this version first; the actor stops and its supervisor recovers it afresh.
        // The supervisor hears it first, so a client's retry (sent once it has this answer) waits for the fresh store.
        // A database that cannot be written (read-only, full) is said at once: retrying cannot help.
        var failure = WriteFailure.Of(cause);
        ToSupervisor(new ConfigStoreSupervisor.StoreFailed($"storing version {sequenceNr} failed: {failure.Reason}", Transient: failure.MayRetry));
        _pendingReply?.Tell(new ChangesFailed($"the change was not stored: {failure.Reason}") { MayRetry = failure.MayRetry });
        _pendingReply = null;
        // Not Akka's error with the driver's stack trace: the supervisor says why in one line, and a lost race is no error.
        _log.Debug("persisting version {0} failed: {1}", sequenceNr, cause);
    }

    protected override void OnRecoveryFailure(Exception reason, object? message = null)
    {
        ToSupervisor(new ConfigStoreSupervisor.StoreFailed($"the stored configuration cannot be read: {reason.GetBaseException().Message}", Transient: false));
        // Not Akka's error with the driver's stack trace (the base's only work), at every retry: the supervisor says why in one line.
        _log.Debug("recovery failed: {0}", reason);
    }

    protected override void PostStop()
    {
        _follower?.Dispose();
        base.PostStop();
    }

    private void ToSupervisor(object message)
    {
        if (_supervised) Context.Parent.Tell(message);
    }

    private HubConfig Replay(HubConfig config, ConfigChangeSet set)
    {
        var applied = ConfigChangeApplier.Apply(config, set.Changes);
        if (applied.Succeeded) return applied.Config;
        // Cannot happen for change sets this store accepted; if a journal was edited by hand, keep the last good state and say so.
        _log.Error("configuration change set {0} from {1} does not apply and was skipped: {2}", LastSequenceNr, set.Source,
            string.Join("; ", applied.Errors));
        return config;
    }
}

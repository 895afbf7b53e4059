using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using Akka.Persistence.Query;
using Akka.Persistence.Sql.Query;
using Akka.Streams;
using Akka.Streams.Dsl;
using SolarHub.Configuration;
using SolarHub.Configuration.Validation;

namespace SolarHub.ConfigStore;

/// <summary>
/// The configuration hierarchy, event-sourced: each accepted change set is one persisted event (so a change is
/// never half-applied), with snapshots for fast recovery. Every accepted change and the recovered state are
/// published as <see cref="HubConfigChanged"/>. Other processes (the CLI) may write the same journal: with
/// <paramref name="followJournal"/> the store watches it and reloads when someone else stored a change.
/// </summary>
public sealed class HubConfigStore : ReceivePersistentActor
{
    public const string Id = "solarhub-config";
    private const int SnapshotEvery = 100;

    private sealed record ForeignChange(long SequenceNr);

    private readonly bool _followJournal;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private HubConfig _config = HubConfig.Empty;
    private IActorRef? _pendingReply;
    private UniqueKillSwitch? _follower;

    public HubConfigStore(bool followJournal)
    {
        _followJournal = followJournal;

        Recover<SnapshotOffer>(offer => _config = (HubConfig)offer.Snapshot);
        Recover<ConfigChangeSet>(set => _config = Apply(_config, set));
        Recover<RecoveryCompleted>(_ =>
        {
            Context.System.EventStream.Publish(new HubConfigChanged(_config, LastSequenceNr));
            if (_followJournal) FollowJournal();
        });

        Command<GetStoredConfig>(_ => Sender.Tell(new StoredConfig(_config, LastSequenceNr)));
        Command<ProposeChanges>(p => Handle(p.Changes, p.Source, p.DryRun));
        Command<ReplaceConfig>(r => Handle(ConfigPlanner.Plan(_config, r.Target), r.Source, r.DryRun));
        Command<ForeignChange>(f =>
        {
            if (f.SequenceNr <= LastSequenceNr) return;
            // Another process stored a change: stop and let the backoff supervisor recover this store from the
            // journal, rather than guessing the change's effect.
            _log.Info("configuration changed by another client (version {0}); reloading", f.SequenceNr);
            Context.Stop(Self);
        });
        Command<SaveSnapshotSuccess>(s => DeleteSnapshots(new SnapshotSelectionCriteria(s.Metadata.SequenceNr - 1)));
        Command<SaveSnapshotFailure>(f => _log.Warning("configuration snapshot failed: {0}", f.Cause.Message));
        Command<DeleteSnapshotsSuccess>(_ => { });
        Command<DeleteSnapshotsFailure>(_ => { });
    }

    public override string PersistenceId => Id;

    public static Props Props(bool followJournal = false) => Akka.Actor.Props.Create(() => new HubConfigStore(followJournal));

    private void Handle(IReadOnlyList<IConfigChange> changes, string source, bool dryRun)
    {
        if (!ConfigChangeApplier.TryApply(_config, changes, out var next, out var applyErrors))
        {
            Sender.Tell(new ChangesRejected(applyErrors.Select(e => new ConfigError(0, 0, "", e)).ToList()));
            return;
        }
        var errors = HubConfigValidator.Validate(next);
        if (errors.Count > 0) { Sender.Tell(new ChangesRejected(errors)); return; }
        if (dryRun || changes.Count == 0) { Sender.Tell(new ChangesAccepted(changes, next, LastSequenceNr, Stored: false)); return; }

        _pendingReply = Sender;
        Persist(new ConfigChangeSet(DateTimeOffset.UtcNow, source, changes), set =>
        {
            _config = next;
            _pendingReply = null;
            Sender.Tell(new ChangesAccepted(set.Changes, _config, LastSequenceNr, Stored: true));
            Context.System.EventStream.Publish(new HubConfigChanged(_config, LastSequenceNr));
            if (LastSequenceNr % SnapshotEvery == 0) SaveSnapshot(_config);
        });
    }

    protected override void OnPersistRejected(Exception cause, object @event, long sequenceNr)
    {
        _pendingReply?.Tell(new ChangesFailed($"the database rejected the change: {cause.Message}"));
        _pendingReply = null;
        base.OnPersistRejected(cause, @event, sequenceNr);
    }

    protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr)
    {
        // Most often another client stored this version first; the actor stops and its supervisor recovers it afresh.
        _pendingReply?.Tell(new ChangesFailed($"the change was not stored (another client may have changed the configuration at the same time): {cause.Message}"));
        _pendingReply = null;
        base.OnPersistFailure(cause, @event, sequenceNr);
    }

    protected override void PostStop()
    {
        _follower?.Shutdown();
        base.PostStop();
    }

    private void FollowJournal()
    {
        var journal = PersistenceQuery.Get(Context.System).ReadJournalFor<SqlReadJournal>(SqlReadJournal.Identifier);
        var self = Self;
        _follower = journal.EventsByPersistenceId(Id, LastSequenceNr + 1, long.MaxValue)
            .ViaMaterialized(KillSwitches.Single<EventEnvelope>(), Keep.Right)
            .To(Sink.ForEach<EventEnvelope>(e => self.Tell(new ForeignChange(e.SequenceNr))))
            .Run(Context.Materializer());
    }

    private static HubConfig Apply(HubConfig config, ConfigChangeSet set) =>
        ConfigChangeApplier.TryApply(config, set.Changes, out var next, out _) ? next : config;
}

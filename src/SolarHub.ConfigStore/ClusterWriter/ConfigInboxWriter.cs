using Akka.Actor;
using Akka.Event;

namespace SolarHub.ConfigStore.ClusterWriter;

/// <summary>
/// The cluster writer's door for clients that are not cluster members (the CLI on any machine that reaches the
/// database): it keeps the writer's lease fresh (every second) so that they know a writer is alive and which node it is
/// on, and takes their writes from the inbox (every 200 ms, the rhythm the stores follow the journal at) to the store,
/// putting each answer back in its row. Every database call runs as a task piped back here, one of each kind at a time.
/// A request whose answer could not be written is taken again at the next poll: it keeps its request id, so the store
/// answers what it stored the first time. Rows no client came back for are purged after <see cref="PurgeAfter"/>.
/// </summary>
public sealed class ConfigInboxWriter : ReceiveActor, IWithTimers
{
    public static readonly TimeSpan RenewEvery = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(200);
    public static readonly TimeSpan PurgeAfter = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan PurgeEvery = TimeSpan.FromMinutes(1);

    private sealed record Renew
    {
        public static Renew Instance { get; } = new();
    }

    private sealed record Poll
    {
        public static Poll Instance { get; } = new();
    }

    private sealed record Purge
    {
        public static Purge Instance { get; } = new();
    }

    /// <summary>A renewal ended; <paramref name="Problem"/> null when it worked.</summary>
    private sealed record LeaseRenewed(string? Problem);

    private sealed record Purged(string? Problem);

    private sealed record InboxRead(IReadOnlyList<InboxRequest> Requests, string? Problem);

    private sealed record RequestAnswered(Guid Id, string? Problem);

    private readonly string _node;
    private readonly IActorRef _store;
    private readonly WriterLeaseTable _lease;
    private readonly ConfigInbox _inbox;
    private readonly HashSet<Guid> _inFlight = [];
    private readonly CancellationTokenSource _stopping = new();
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private bool _renewing;
    private bool _polling;
    private string? _lastProblem;

    public ConfigInboxWriter(string node, IActorRef store, ConfigWriterTables tables)
    {
        _node = node;
        _store = store;
        _lease = new WriterLeaseTable(tables);
        _inbox = new ConfigInbox(tables);

        Receive<Renew>(_ => RenewLease());
        Receive<LeaseRenewed>(renewed =>
        {
            _renewing = false;
            Say(renewed.Problem is null ? null : $"the configuration writer's lease could not be renewed: {renewed.Problem}");
        });
        Receive<Poll>(_ => ReadInbox());
        Receive<InboxRead>(read =>
        {
            _polling = false;
            if (read.Problem is not null) { Say($"the configuration inbox could not be read: {read.Problem}"); return; }
            foreach (var request in read.Requests)
                if (_inFlight.Add(request.Id)) Apply(request);
        });
        Receive<RequestAnswered>(answered =>
        {
            _inFlight.Remove(answered.Id);
            if (answered.Problem is not null)
                _log.Warning("configuration request {0} from the inbox: {1}; taken again at the next poll", answered.Id, answered.Problem);
        });
        Receive<Purge>(_ => _inbox.PurgeAsync(PurgeAfter, _stopping.Token)
            .PipeTo(Self, success: _ => new Purged(null), failure: e => new Purged(e.GetBaseException().Message)));
        Receive<Purged>(purged =>
        {
            if (purged.Problem is not null) _log.Warning("configuration inbox: old rows could not be purged: {0}", purged.Problem);
        });
    }

    public static Props Props(string node, IActorRef store, ConfigWriterTables tables) =>
        Akka.Actor.Props.Create(() => new ConfigInboxWriter(node, store, tables));

    public ITimerScheduler Timers { get; set; } = null!;

    protected override void PreStart()
    {
        Timers.StartPeriodicTimer("renew", Renew.Instance, TimeSpan.Zero, RenewEvery);
        Timers.StartPeriodicTimer("poll", Poll.Instance, PollEvery);
        Timers.StartPeriodicTimer("purge", Purge.Instance, PurgeEvery);
    }

    protected override void PostStop()
    {
        _stopping.Cancel();
        _stopping.Dispose();
    }

    private void RenewLease()
    {
        if (_renewing) return;
        _renewing = true;
        _lease.RenewAsync(_node, _stopping.Token)
            .PipeTo(Self, success: () => new LeaseRenewed(null), failure: e => new LeaseRenewed(e.GetBaseException().Message));
    }

    private void ReadInbox()
    {
        if (_polling) return;
        _polling = true;
        _inbox.PendingAsync(_stopping.Token)
            .PipeTo(Self, success: requests => new InboxRead(requests, null), failure: e => new InboxRead([], e.GetBaseException().Message));
    }

    /// <summary>Hands the request to the store (retrying lost races as any client does) and writes the answer into its row.</summary>
    private void Apply(InboxRequest request)
    {
        var (store, inbox, node, ct) = (_store, _inbox, _node, _stopping.Token);
        Task.Run(async () =>
        {
            var answer = request.Write is null
                ? new ChangesFailed($"the cluster's configuration writer cannot read this request: {request.Unreadable}")
                : await ConfigStoreClient.SendAsync(store, request.Write, ct) switch
                {
                    Status.Failure { Cause: var cause } => new ChangesFailed(cause.Message),
                    var stored => stored,
                };
            await inbox.AnswerAsync(request.Id, node, answer, ct);
        }, ct).PipeTo(Self, success: () => new RequestAnswered(request.Id, null),
            failure: e => new RequestAnswered(request.Id, e.GetBaseException().Message));
    }

    /// <summary>A database problem is logged when it starts and when it ends, not every second.</summary>
    private void Say(string? problem)
    {
        if (problem == _lastProblem) return;
        if (problem is null) _log.Info("configuration writer on {0}: its lease and inbox work again", _node);
        else _log.Warning("configuration writer on {0}: {1}", _node, problem);
        _lastProblem = problem;
    }
}

namespace SolarHub.Node.Api.Events;

/// <summary>
/// The node's last <see cref="Capacity"/> events, numbered: what a <c>GET /api/events</c> client that reconnects with
/// <c>Last-Event-ID</c> missed. <see cref="RecentEventsRecorder"/> appends (from the publishers' threads, one at a time); any request reads.
/// A ring buffer: appending never allocates beyond the numbered event, and the oldest event simply goes.
/// </summary>
public sealed class RecentEvents
{
    private readonly ServerEvent?[] _ring;
    private readonly Lock _lock = new();
    private long _newest;

    /// <param name="run">The id prefix of this run of the node (random when null).</param>
    public RecentEvents(int capacity, string? run = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _ring = new ServerEvent?[capacity];
        Run = run ?? EventId.NewRun();
    }

    public int Capacity => _ring.Length;

    /// <summary>The id prefix of this run of the node: ids of other runs are unknown.</summary>
    public string Run { get; }

    /// <summary>Numbers <paramref name="e"/> (the next sequence, its id) and keeps it, dropping the oldest when full.</summary>
    public ServerEvent Append(ServerEvent e) => Append(e.Kind, e.Data, node: e.Node);

    /// <summary>
    /// Numbers a record of the given SSE kind and keeps it (one allocation: the event itself), then hands it to
    /// <paramref name="publish"/> under the same lock, so events from several publishing threads go out in id order.
    /// </summary>
    /// <param name="node">The cluster node whose bank published it (<see cref="ServerEvent.Node"/>); null outside a cluster.</param>
    public ServerEvent Append(string kind, object data, Action<ServerEvent>? publish = null, string? node = null)
    {
        lock (_lock)
        {
            long sequence = ++_newest;
            var numbered = new ServerEvent(kind, data) { Sequence = sequence, Run = Run, Node = node };
            _ring[(sequence - 1) % _ring.Length] = numbered;
            publish?.Invoke(numbered);
            return numbered;
        }
    }

    /// <summary>
    /// The kept events after <paramref name="lastEventId"/> that <paramref name="accepts"/>, oldest first, with a
    /// <see cref="EventGap"/> when events after it are lost: the id is older than the buffer, or not one of this run
    /// (all kept events follow then).
    /// </summary>
    public EventReplay After(string lastEventId, Func<ServerEvent, bool> accepts)
    {
        lock (_lock)
        {
            long oldest = Math.Max(1, _newest - _ring.Length + 1);
            string? firstAvailable = _newest == 0 ? null : At(oldest).Id;
            EventGap? gap = null;
            long from;
            if (!EventId.TryParse(lastEventId, Run, out var last) || last > _newest)
            {
                gap = new EventGap(lastEventId, firstAvailable, "unknown id: not one of this run of the node (it restarted since?); events after it may be lost");
                from = oldest;
            }
            else if (last + 1 < oldest)
            {
                gap = new EventGap(lastEventId, firstAvailable, $"the events after this id are no longer kept (the node keeps the last {_ring.Length}); those before the first available one are lost");
                from = oldest;
            }
            else from = last + 1;

            var events = new List<ServerEvent>();
            for (long s = from; s <= _newest; s++)
                if (At(s) is var e && accepts(e)) events.Add(e);
            return new EventReplay(events, gap, _newest);
        }
    }

    private ServerEvent At(long sequence) => _ring[(sequence - 1) % _ring.Length]!;
}

/// <summary>What a resuming client missed.</summary>
/// <param name="Through">The newest sequence when read: live events up to it were in the buffer (replayed or filtered out).</param>
public sealed record EventReplay(IReadOnlyList<ServerEvent> Events, EventGap? Gap, long Through);

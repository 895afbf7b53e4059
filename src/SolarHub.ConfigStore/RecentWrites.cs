namespace SolarHub.ConfigStore;

/// <summary>
/// The last stored writes by request id, so a write sent again is recognised. Bounded: a client retries within
/// seconds, so a few hundred writes back is plenty. Rebuilt from the change sets replayed at recovery (those after the
/// last snapshot).
/// </summary>
public sealed class RecentWrites(int capacity = 256)
{
    private readonly Dictionary<Guid, (long Version, IReadOnlyList<IConfigChange> Changes)> _byId = [];
    private readonly Queue<Guid> _order = new();

    public void Remember(Guid? requestId, long version, IReadOnlyList<IConfigChange> changes)
    {
        if (requestId is not { } id || !_byId.TryAdd(id, (version, changes))) return;
        _order.Enqueue(id);
        while (_order.Count > capacity) _byId.Remove(_order.Dequeue());
    }

    public bool TryFind(Guid? requestId, out long version, out IReadOnlyList<IConfigChange> changes)
    {
        if (requestId is { } id && _byId.TryGetValue(id, out var write))
        {
            (version, changes) = write;
            return true;
        }
        (version, changes) = (0, []);
        return false;
    }
}

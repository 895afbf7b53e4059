namespace SolarHub.Core.Alerts;

/// <summary>
/// The alert deliveries waiting for the webhook, oldest first, bounded: when the receiver is down for long the oldest
/// is dropped (and counted) so memory stays flat and the newest news gets through first when it is back. Pure.
/// </summary>
public sealed class WebhookQueue(int capacity)
{
    private readonly LinkedList<byte[]> _waiting = new();

    public int Count => _waiting.Count;

    /// <summary>Deliveries dropped because the queue was full.</summary>
    public long Dropped { get; private set; }

    public void Enqueue(byte[] payload)
    {
        if (_waiting.Count >= capacity)
        {
            _waiting.RemoveFirst();
            Dropped++;
        }
        _waiting.AddLast(payload);
    }

    public bool TryDequeue(out byte[] payload)
    {
        payload = _waiting.First?.Value ?? [];
        if (_waiting.Count == 0) return false;
        _waiting.RemoveFirst();
        return true;
    }

    public void Clear() => _waiting.Clear();
}

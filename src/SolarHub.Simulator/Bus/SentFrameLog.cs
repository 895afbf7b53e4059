using SolarHub.Protocol.Jk;

namespace SolarHub.Simulator;

/// <summary>
/// What the bus sent, so tests can check that a listener saw exactly those frames. Keeps the bytes of the last
/// <see cref="Capacity"/> frames (copies, so only when asked for); counts always. Thread-safe.
/// </summary>
public sealed class SentFrameLog
{
    private readonly Lock _gate = new();
    private readonly Queue<SentFrame> _recent;
    private long _count;

    public SentFrameLog(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        Capacity = capacity;
        _recent = new Queue<SentFrame>(Math.Min(capacity, 1024));
    }

    public int Capacity { get; }

    /// <summary>Frames sent since start.</summary>
    public long Count => Interlocked.Read(ref _count);

    /// <summary>The frames still kept, oldest first.</summary>
    public IReadOnlyList<SentFrame> Snapshot()
    {
        lock (_gate) return _recent.ToArray();
    }

    internal void Add(byte address, JkFrameType type, byte counter, bool corrupted, ReadOnlySpan<byte> frame)
    {
        long sequence = Interlocked.Increment(ref _count) - 1;
        if (Capacity == 0) return;
        var entry = new SentFrame(sequence, address, type, counter, corrupted, frame.ToArray());
        lock (_gate)
        {
            if (_recent.Count == Capacity) _recent.Dequeue();
            _recent.Enqueue(entry);
        }
    }
}

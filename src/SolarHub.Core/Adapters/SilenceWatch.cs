using System.Diagnostics;

namespace SolarHub.Core.Adapters;

/// <summary>
/// Cancels a connection's reads once none completed for the time its bus's rhythm allows (<see cref="BusRhythm"/>),
/// checked by the process's one <see cref="SilenceClock"/>: a read costs a timestamp, not a timer change (a timer per
/// connection cost about a tenth of a 1,000-bank hub's CPU).
/// </summary>
public sealed class SilenceWatch : IDisposable
{
    private readonly CancellationTokenSource _silent;
    private long _lastRead;
    private long _allowed; // Stopwatch ticks; 0: not watching
    private int _disposed;
    private bool _clocked;

    /// <param name="lifetime">The connection's own cancellation: it cancels <see cref="Token"/> too.</param>
    public SilenceWatch(CancellationToken lifetime, long now)
    {
        _silent = CancellationTokenSource.CreateLinkedTokenSource(lifetime);
        _lastRead = now;
    }

    /// <summary>Cancelled once the bus was quiet for longer than allowed, or with the connection.</summary>
    public CancellationToken Token => _silent.Token;

    /// <summary>A read completed at <paramref name="timestamp"/> (<see cref="Stopwatch.GetTimestamp"/>).</summary>
    public void ReadCompleted(long timestamp) => Volatile.Write(ref _lastRead, timestamp);

    /// <summary>How long the bus may be quiet from now on; null: as long as it likes. Called by the read loop only.</summary>
    public void Allow(TimeSpan? allowed)
    {
        Volatile.Write(ref _allowed, allowed is { } a ? Math.Max(1, (long)(a.TotalSeconds * Stopwatch.Frequency)) : 0);
        if (_clocked || allowed is null || Volatile.Read(ref _disposed) != 0) return;
        // The clock looks at a connection only once its rhythm is learned: a node still learning wakes nothing.
        _clocked = true;
        SilenceClock.Add(this);
    }

    /// <summary>
    /// On the clock's tick: cancels the reads when the bus has been quiet for longer than allowed. Returns when it may
    /// next turn silent (Stopwatch ticks), <see cref="long.MaxValue"/> when it is not watched (now, or any more).
    /// </summary>
    internal long Check(long now)
    {
        long allowed = Volatile.Read(ref _allowed);
        if (allowed == 0) return long.MaxValue;
        long deadline = Volatile.Read(ref _lastRead) + allowed;
        if (now < deadline) return deadline;
        Volatile.Write(ref _allowed, 0);
        try { _silent.Cancel(); }
        catch (ObjectDisposedException) { } // the connection ended meanwhile
        return long.MaxValue;
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        if (_clocked) SilenceClock.Remove(this);
        _silent.Dispose();
    }
}

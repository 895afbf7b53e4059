using System.Collections.Concurrent;
using System.Diagnostics;

namespace SolarHub.Core.Adapters;

/// <summary>
/// One timer for every <see cref="SilenceWatch"/> of the process. Each tick looks at every watched connection's last
/// read and sets the next tick at the earliest moment one of them could turn silent (<see cref="NextDelay"/>): a node
/// with a few buses sleeps most of the time, a node with many wakes at most every <see cref="Resolution"/>. A timer per
/// connection woke a pool thread for each connection about twice a second, which at 1,000 banks cost more CPU than the
/// reads it watched; this costs one wake-up per tick. Runs only while some connection has learned its bus's rhythm.
/// </summary>
internal static class SilenceClock
{
    /// <summary>The shortest time between two ticks.</summary>
    public static readonly TimeSpan Resolution = TimeSpan.FromMilliseconds(25);

    /// <summary>
    /// The longest: a connection whose allowance shrank since the last tick (its bus's rhythm sped up) is looked at
    /// within this, not only at the deadline the old allowance gave. Every allowance is at least the silence floor (250 ms).
    /// </summary>
    public static readonly TimeSpan MaxInterval = TimeSpan.FromMilliseconds(100);

    private static readonly ConcurrentDictionary<SilenceWatch, byte> Watched = new();
    private static readonly Lock Gate = new();
    private static Timer? _timer;

    public static void Add(SilenceWatch watch)
    {
        Watched.TryAdd(watch, 0);
        // An existing timer ticks within MaxInterval, well before the new connection's first deadline.
        lock (Gate) _timer ??= new Timer(_ => Tick(), null, Resolution, Timeout.InfiniteTimeSpan);
    }

    public static void Remove(SilenceWatch watch)
    {
        Watched.TryRemove(watch, out _);
        lock (Gate)
        {
            if (!Watched.IsEmpty || _timer is null) return;
            _timer.Dispose();
            _timer = null;
        }
    }

    /// <summary>
    /// How long to sleep from <paramref name="now"/> until <paramref name="earliestDeadline"/> (Stopwatch ticks;
    /// <see cref="long.MaxValue"/>: none), between <see cref="Resolution"/> and <see cref="MaxInterval"/>, rounded up to
    /// whole milliseconds so that the tick is not early (an early tick would find nothing and sleep again).
    /// </summary>
    public static TimeSpan NextDelay(long now, long earliestDeadline)
    {
        if (earliestDeadline == long.MaxValue) return MaxInterval;
        double ms = Math.Ceiling((earliestDeadline - now) * 1000.0 / Stopwatch.Frequency) + 1;
        return TimeSpan.FromMilliseconds(Math.Clamp(ms, Resolution.TotalMilliseconds, MaxInterval.TotalMilliseconds));
    }

    private static void Tick()
    {
        long now = Stopwatch.GetTimestamp();
        long earliest = long.MaxValue;
        // Enumerating the dictionary itself, not its Keys (a copy each time).
        foreach (var entry in Watched) earliest = Math.Min(earliest, entry.Key.Check(now));
        var delay = NextDelay(Stopwatch.GetTimestamp(), earliest);
        lock (Gate) _timer?.Change(delay, Timeout.InfiniteTimeSpan);
    }
}

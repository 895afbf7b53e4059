using System.Collections.Concurrent;

namespace SolarHub.Core.Adapters;

/// <summary>
/// One timer for every <see cref="SilenceWatch"/> of the process: every <see cref="Resolution"/> it looks at each
/// watched connection's last read. A timer per connection woke a pool thread for each connection about twice a second,
/// which at 1,000 banks cost more CPU than the reads it watched; this costs one wake-up per tick. Runs only while
/// some connection has learned its bus's rhythm.
/// </summary>
internal static class SilenceClock
{
    /// <summary>How late a silence may be noticed, at most.</summary>
    public static readonly TimeSpan Resolution = TimeSpan.FromMilliseconds(25);

    private static readonly ConcurrentDictionary<SilenceWatch, byte> Watched = new();
    private static readonly Lock Gate = new();
    private static Timer? _timer;

    public static void Add(SilenceWatch watch)
    {
        Watched.TryAdd(watch, 0);
        lock (Gate) _timer ??= new Timer(_ => Tick(), null, Resolution, Resolution);
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

    private static void Tick()
    {
        // Enumerating the dictionary itself, not its Keys (a copy each time).
        foreach (var entry in Watched) entry.Key.Check();
    }
}

namespace SolarHub.Core.Scheduling;

/// <summary>
/// What is due when, for the <see cref="DeadlineScheduler"/>: entries by due time (in <see cref="System.Diagnostics.Stopwatch"/>
/// ticks), woken for on a grid of one tick (Akka's <c>tick-duration</c>), so that entries due within the same tick run
/// in one wake-up as on Akka's wheel, and never before they are due; but only a tick that holds something wakes anyone.
/// </summary>
internal sealed class DeadlineQueue<T>(long tick)
{
    private readonly PriorityQueue<T, long> _entries = new();

    public int Count => _entries.Count;

    public void Add(T entry, long due) => _entries.Enqueue(entry, due);

    /// <summary>When to wake next: the end of the tick that holds the earliest entry; <see cref="long.MaxValue"/> when there is none.</summary>
    public long NextWake => _entries.TryPeek(out _, out long due) ? RoundUp(due) : long.MaxValue;

    /// <summary>Moves every entry due by <paramref name="now"/> into <paramref name="due"/>, earliest first, with its due time.</summary>
    public void TakeDue(long now, List<(T Entry, long Due)> due)
    {
        while (_entries.TryPeek(out var entry, out long at) && at <= now)
        {
            _entries.Dequeue();
            due.Add((entry, at));
        }
    }

    public void Clear() => _entries.Clear();

    private long RoundUp(long due) => due % tick == 0 ? due : (due / tick + 1) * tick;
}

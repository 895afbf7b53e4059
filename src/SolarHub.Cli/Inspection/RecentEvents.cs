namespace SolarHub.Cli.Inspection;

/// <summary>The last few event lines, for the live view; written by the event stream, read by the screen refresh.</summary>
public sealed class RecentEvents(int capacity)
{
    private readonly Queue<string> _lines = new();
    private readonly Lock _lock = new();

    public void Add(string line)
    {
        lock (_lock)
        {
            _lines.Enqueue(line);
            while (_lines.Count > capacity) _lines.Dequeue();
        }
    }

    public IReadOnlyList<string> Snapshot()
    {
        lock (_lock) return _lines.ToList();
    }
}

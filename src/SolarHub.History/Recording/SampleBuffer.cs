namespace SolarHub.History.Recording;

/// <summary>
/// Samples waiting to be written, oldest first, at most <c>limit</c> of them: beyond it the oldest are dropped and
/// reported, so an outage costs the oldest data, never memory without bound.
/// </summary>
public sealed class SampleBuffer(int limit)
{
    private Queue<HistorySample> _queue = new();

    public int Count => _queue.Count;

    public int Limit => limit;

    /// <summary>Appends the samples; what had to be dropped to stay within the limit, if anything.</summary>
    public DroppedSamples? Add(IReadOnlyList<HistorySample> samples)
    {
        foreach (var sample in samples) _queue.Enqueue(sample);
        return Trim();
    }

    /// <summary>Removes and returns the oldest <paramref name="max"/> samples (fewer when fewer wait).</summary>
    public List<HistorySample> Take(int max)
    {
        var batch = new List<HistorySample>(Math.Min(max, _queue.Count));
        while (batch.Count < max && _queue.TryDequeue(out var sample)) batch.Add(sample);
        return batch;
    }

    /// <summary>Puts samples taken earlier (a batch that could not be written) back in front; what had to be dropped, if anything.</summary>
    public DroppedSamples? Return(IReadOnlyList<HistorySample> samples)
    {
        if (samples.Count == 0) return null;
        _queue = new Queue<HistorySample>(samples.Concat(_queue));
        return Trim();
    }

    private DroppedSamples? Trim()
    {
        int excess = _queue.Count - limit;
        if (excess <= 0) return null;
        var from = DateTimeOffset.MaxValue;
        var to = DateTimeOffset.MinValue;
        for (int i = 0; i < excess; i++)
        {
            var at = _queue.Dequeue().At;
            if (at < from) from = at;
            if (at > to) to = at;
        }
        return new DroppedSamples(excess, from, to);
    }
}

/// <summary>How many samples were dropped, and the time range they covered.</summary>
public readonly record struct DroppedSamples(int Count, DateTimeOffset From, DateTimeOffset To);

namespace SolarHub.History.Recording;

/// <summary>
/// Samples waiting to be written, oldest first, at most <c>limit</c> of them: beyond it the oldest are dropped and
/// reported, so an outage costs the oldest data, never memory without bound.
/// </summary>
/// <remarks>
/// Held as runs (the batches they came in), so that appending, taking a write batch and putting a failed one back in
/// front each cost the size of that batch, never of the whole buffer, which may hold 100 000 samples during an outage.
/// </remarks>
public sealed class SampleBuffer(int limit)
{
    private readonly LinkedList<Run> _runs = new();
    private int _count;

    public int Count => _count;

    public int Limit => limit;

    /// <summary>Appends the samples; what had to be dropped to stay within the limit, if anything.</summary>
    public DroppedSamples? Add(IReadOnlyList<HistorySample> samples)
    {
        if (samples.Count == 0) return null;
        _runs.AddLast(new Run([.. samples]));
        _count += samples.Count;
        return Trim();
    }

    /// <summary>Removes and returns the oldest <paramref name="max"/> samples (fewer when fewer wait).</summary>
    public List<HistorySample> Take(int max)
    {
        var batch = new List<HistorySample>(Math.Min(max, _count));
        while (batch.Count < max && _runs.First is { Value: var run })
        {
            int n = Math.Min(max - batch.Count, run.Remaining);
            batch.AddRange(run.Samples.AsSpan(run.Start, n));
            Consume(run, n);
        }
        return batch;
    }

    /// <summary>Puts samples taken earlier (a batch that could not be written) back in front; what had to be dropped, if anything.</summary>
    public DroppedSamples? Return(IReadOnlyList<HistorySample> samples)
    {
        if (samples.Count == 0) return null;
        _runs.AddFirst(new Run([.. samples]));
        _count += samples.Count;
        return Trim();
    }

    private DroppedSamples? Trim()
    {
        int excess = _count - limit;
        if (excess <= 0) return null;
        var from = DateTimeOffset.MaxValue;
        var to = DateTimeOffset.MinValue;
        for (int left = excess; left > 0;)
        {
            var run = _runs.First!.Value;
            int n = Math.Min(left, run.Remaining);
            foreach (var sample in run.Samples.AsSpan(run.Start, n))
            {
                if (sample.At < from) from = sample.At;
                if (sample.At > to) to = sample.At;
            }
            Consume(run, n);
            left -= n;
        }
        return new DroppedSamples(excess, from, to);
    }

    /// <summary>Removes the first <paramref name="n"/> samples of the first run, and the run once it is empty.</summary>
    private void Consume(Run run, int n)
    {
        // Cleared, so that the samples of a run partly written or dropped are not kept alive by the rest of it.
        Array.Clear(run.Samples, run.Start, n);
        run.Start += n;
        _count -= n;
        if (run.Remaining == 0) _runs.RemoveFirst();
    }

    private sealed class Run(HistorySample[] samples)
    {
        public HistorySample[] Samples { get; } = samples;
        public int Start { get; set; }
        public int Remaining => Samples.Length - Start;
    }
}

/// <summary>How many samples were dropped, and the time range they covered.</summary>
public readonly record struct DroppedSamples(int Count, DateTimeOffset From, DateTimeOffset To);

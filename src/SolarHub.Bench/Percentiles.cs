namespace SolarHub.Bench;

/// <summary>Nearest-rank percentiles of a set of durations (p50 of 1..10 is 5, p99 of 100 samples is the 99th).</summary>
public sealed class Percentiles
{
    private readonly TimeSpan[] _sorted;

    public Percentiles(IEnumerable<TimeSpan> samples)
    {
        _sorted = samples.ToArray();
        Array.Sort(_sorted);
    }

    public int Count => _sorted.Length;

    public TimeSpan Max => _sorted.Length == 0 ? TimeSpan.Zero : _sorted[^1];

    public TimeSpan this[double percentile]
    {
        get
        {
            if (_sorted.Length == 0) return TimeSpan.Zero;
            int rank = (int)Math.Ceiling(percentile / 100.0 * _sorted.Length);
            return _sorted[Math.Clamp(rank, 1, _sorted.Length) - 1];
        }
    }
}

using System.Diagnostics;

namespace SolarHub.Core.Adapters;

/// <summary>
/// Learns how long a bus may stay quiet between two reads, so a silent gateway is noticed from the bus's own rhythm
/// instead of a fixed deadline. A JK master polls at a steady pace (a poll every 100-150 ms, settings and device info now
/// and then, pauses of its own), so the gaps between reads are many short ones, a regular inter-poll gap and rare
/// longer pauses: a mix that a normal distribution (Akka's phi-accrual detector) describes badly in its tail, where the
/// decision is made. This one keeps the longest gap of each of the last <see cref="Buckets"/> runs of
/// <see cref="BucketSize"/> gaps (about the last 1,000 reads, a minute on a typical bus) and allows
/// <c>factor</c> times the longest of them, at least <c>floor</c>. It answers only after it has seen
/// <see cref="LearnGaps"/> gaps over at least <see cref="LearnTime"/>, so that the master's slower polls have been seen,
/// and never beyond <c>ceiling</c> (the bank's data deadline, which stays the upper bound). O(1) per read, no allocation.
/// Not thread-safe: one connection's read loop owns it.
/// </summary>
public sealed class BusRhythm
{
    public const int BucketSize = 64;
    public const int Buckets = 16;
    public const int LearnGaps = 2 * BucketSize;
    public static readonly TimeSpan LearnTime = TimeSpan.FromSeconds(10);

    private readonly double _factor;
    private readonly long _floorTicks;
    private readonly long _ceilingTicks;
    private readonly long[] _bucketMax = new long[Buckets];
    private bool _started;
    private long _firstRead;
    private long _lastRead;
    private long _currentMax;
    private int _inBucket;
    private int _filledBuckets;
    private int _nextBucket;
    private long _gaps;

    /// <param name="factor">How many times the longest recent gap is still plausible; 0 or less: never answers.</param>
    /// <param name="floor">The shortest silence ever declared.</param>
    /// <param name="ceiling">Silences this long are left to the data deadline: the rhythm never answers at or above it.</param>
    public BusRhythm(double factor, TimeSpan floor, TimeSpan ceiling)
    {
        _factor = factor;
        _floorTicks = ToTicks(floor);
        _ceilingTicks = ToTicks(ceiling);
    }

    /// <summary>How long a quiet bus is still plausible; null while learning, when off, or when it would reach the ceiling.</summary>
    public TimeSpan? SilenceAfter { get; private set; }

    /// <summary>Gaps seen so far on this connection.</summary>
    public long Gaps => _gaps;

    /// <summary>A read completed at <paramref name="timestamp"/> (<see cref="Stopwatch.GetTimestamp"/>).</summary>
    public void Observe(long timestamp)
    {
        if (!_started)
        {
            _started = true;
            _firstRead = _lastRead = timestamp;
            return;
        }
        long gap = timestamp - _lastRead;
        _lastRead = timestamp;
        if (gap < 0) return;
        _gaps++;
        if (gap > _currentMax) _currentMax = gap;
        if (++_inBucket < BucketSize) return;

        _bucketMax[_nextBucket] = _currentMax;
        _nextBucket = (_nextBucket + 1) % Buckets;
        _filledBuckets = Math.Min(_filledBuckets + 1, Buckets);
        _currentMax = 0;
        _inBucket = 0;
        Recompute(timestamp);
    }

    private void Recompute(long now)
    {
        if (_factor <= 0 || _gaps < LearnGaps || now - _firstRead < ToTicks(LearnTime))
        {
            SilenceAfter = null;
            return;
        }
        long longest = 0;
        for (int i = 0; i < _filledBuckets; i++) longest = Math.Max(longest, _bucketMax[i]);
        long allowed = Math.Max(_floorTicks, (long)(longest * _factor));
        SilenceAfter = allowed >= _ceilingTicks ? null : Stopwatch.GetElapsedTime(0, allowed);
    }

    private static long ToTicks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);
}

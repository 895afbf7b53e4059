using System.Diagnostics;
using Akka.Event;
using SolarHub.Core.Telemetry;

namespace SolarHub.Bench.Faults;

/// <summary>
/// What one bank of a fault row published, with the Stopwatch time each event reached the bench: pack telemetry,
/// failovers, adapter state changes, and log events that carry an exception. Fed from an event-stream subscriber,
/// read by the row: every query takes a start time so a row only looks at what followed its fault.
/// </summary>
public sealed class BankWatch
{
    public sealed record Telemetry(long At, string? Adapter, byte Address, bool Stale);

    public sealed record Failover(long At, FailoverOccurred Event);

    public sealed record StateChange(long At, AdapterStateChanged Event);

    public sealed record LoggedException(long At, string Text);

    /// <summary>A pause of the bank's telemetry: its length and where it began.</summary>
    public sealed record Gap(TimeSpan Length, long From)
    {
        /// <summary>E.g. "2133 ms from -120 ms": its length, and where it began relative to <paramref name="faultAt"/>.</summary>
        public string Describe(long faultAt) =>
            $"{BenchFormat.Integer(Length.TotalMilliseconds)} ms from {(From < faultAt ? "-" : "+")}{BenchFormat.Integer(Stopwatch.GetElapsedTime(Math.Min(From, faultAt), Math.Max(From, faultAt)).TotalMilliseconds)} ms";
    }

    private readonly Lock _gate = new();
    private readonly List<Telemetry> _telemetry = [];
    private readonly List<Failover> _failovers = [];
    private readonly List<StateChange> _states = [];
    private readonly List<LoggedException> _exceptions = [];
    private TaskCompletionSource _changed = NewSignal();

    public static IReadOnlyList<Type> Subscriptions { get; } =
        [typeof(PackTelemetry), typeof(FailoverOccurred), typeof(AdapterStateChanged), typeof(Error), typeof(Warning)];

    public void Record(object message, long at)
    {
        TaskCompletionSource changed;
        lock (_gate)
        {
            switch (message)
            {
                case PackTelemetry p: _telemetry.Add(new Telemetry(at, p.AdapterId, p.Address, p.Stale)); break;
                case FailoverOccurred f: _failovers.Add(new Failover(at, f)); break;
                case AdapterStateChanged s: _states.Add(new StateChange(at, s)); break;
                case LogEvent { Cause: not null } e: _exceptions.Add(new LoggedException(at, $"{e.LogSource}: {e.Message} ({e.Cause.GetType().Name}: {e.Cause.Message})")); break;
                default: return;
            }
            changed = _changed;
            _changed = NewSignal();
        }
        changed.TrySetResult();
    }

    public Telemetry? FirstFresh(long since, string? adapter = null, byte? address = null)
    {
        lock (_gate)
            return _telemetry.FirstOrDefault(t => t.At >= since && !t.Stale && (adapter is null || t.Adapter == adapter) && (address is null || t.Address == address));
    }

    /// <summary>The time of the bank's last fresh reading at or before <paramref name="at"/> (itself when there was none): where a gap around a fault begins.</summary>
    public long LastFreshBefore(long at)
    {
        lock (_gate) return _telemetry.LastOrDefault(t => t.At <= at && !t.Stale)?.At ?? at;
    }

    public Telemetry? FirstStale(long since, byte address)
    {
        lock (_gate) return _telemetry.FirstOrDefault(t => t.At >= since && t.Stale && t.Address == address);
    }

    public bool AnyStale(long since, long until, Func<byte, bool> address)
    {
        lock (_gate) return _telemetry.Any(t => t.At >= since && t.At <= until && t.Stale && address(t.Address));
    }

    /// <summary>The adapter's first move out of Healthy since <paramref name="since"/>.</summary>
    public StateChange? LeftHealthy(long since, string adapter)
    {
        lock (_gate)
            return _states.FirstOrDefault(s => s.At >= since && s.Event.AdapterId == adapter && s.Event.From == AdapterState.Healthy && s.Event.To != AdapterState.Healthy);
    }

    public IReadOnlyList<Failover> Failovers(long since, long until = long.MaxValue)
    {
        lock (_gate) return [.. _failovers.Where(f => f.At >= since && f.At <= until)];
    }

    public IReadOnlyList<LoggedException> Exceptions(long since)
    {
        lock (_gate) return [.. _exceptions.Where(e => e.At >= since)];
    }

    /// <summary>
    /// The longest time between two fresh readings of the bank (any pack, any adapter) within [from, until], counting
    /// the edges: a bank that sent nothing in the window has a gap of the whole window.
    /// </summary>
    public Gap LongestGap(long from, long until, Func<byte, bool>? address = null)
    {
        long previous = from, longest = 0, start = from;
        lock (_gate)
        {
            foreach (var t in _telemetry)
            {
                if (t.At < from || t.Stale || (address is not null && !address(t.Address))) continue;
                if (t.At > until) break;
                if (t.At - previous > longest) (longest, start) = (t.At - previous, previous);
                previous = t.At;
            }
        }
        if (until - previous > longest) (longest, start) = (until - previous, previous);
        return new Gap(Stopwatch.GetElapsedTime(0, longest), start);
    }

    /// <summary>Waits until <paramref name="found"/> answers non-null, for at most <paramref name="timeout"/>; null when it never did.</summary>
    public async Task<T?> WaitForAsync<T>(Func<T?> found, TimeSpan timeout, CancellationToken ct) where T : class
    {
        long deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            Task changed;
            lock (_gate) changed = _changed.Task;
            if (found() is { } result) return result;
            var left = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), deadline);
            if (left <= TimeSpan.Zero) return null;
            try { await changed.WaitAsync(left, ct); }
            catch (TimeoutException) { return found(); }
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}

namespace SolarHub.Core.Adapters;

/// <summary>
/// Keeps an active poller quiet for a while after its process stood still (frozen, suspended, starved): such a node may
/// have been declared dead and its bank started on another node, which now polls the same bus. Two masters on one RS485
/// bus garble each other, so after a stall the poller waits long enough for its node to learn that it was removed from
/// the cluster (and stop) before it transmits again. A healthy process ticks every <c>tick</c>; a gap of more than
/// <see cref="Tolerance"/> between ticks is a stall.
/// </summary>
public sealed class StallFence(TimeSpan tolerance, TimeSpan quiet)
{
    /// <summary>A stall longer than any dispatch delay or GC pause of a working process, shorter than any failure detection.</summary>
    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromMilliseconds(1500);

    /// <summary>Longer than a removed node needs to hear of it (gossip) and stop its banks.</summary>
    public static readonly TimeSpan DefaultQuiet = TimeSpan.FromSeconds(5);

    /// <summary>How often the poller ticks it.</summary>
    public static readonly TimeSpan TickInterval = TimeSpan.FromMilliseconds(100);

    private DateTimeOffset? _lastTick;
    private DateTimeOffset _quietUntil = DateTimeOffset.MinValue;

    public TimeSpan Tolerance => tolerance;

    /// <summary>Records a tick; true when it ends a stall (the fence closes now).</summary>
    public bool Tick(DateTimeOffset now) => Observe(now, tick: true);

    /// <summary>Whether a poll may go out now; a poll due after a stall that no tick reported yet closes the fence too.</summary>
    public bool MayPoll(DateTimeOffset now)
    {
        Observe(now, tick: false);
        return now >= _quietUntil;
    }

    /// <summary>When the fence opens again (in the past while it is open).</summary>
    public DateTimeOffset QuietUntil => _quietUntil;

    private bool Observe(DateTimeOffset now, bool tick)
    {
        bool stalled = _lastTick is { } last && now - last > tolerance;
        if (stalled) _quietUntil = now + quiet;
        if (tick || stalled) _lastTick = now;
        return stalled;
    }
}

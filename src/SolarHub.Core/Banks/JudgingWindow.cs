namespace SolarHub.Core.Banks;

/// <summary>
/// Where silences are measured from. A tick far behind its interval means the bank itself stalled (GC pause, starved
/// CPU): the adapters' reports waited behind it, so a silence measured across the stall says nothing about them or the
/// packs. After such a stall everything is judged from that tick on.
/// </summary>
public sealed class JudgingWindow(TimeSpan tickInterval)
{
    private const int StallTicks = 4;
    private DateTimeOffset? _lastTick;

    /// <summary>Nothing before this instant counts as silence.</summary>
    public DateTimeOffset From { get; private set; }

    /// <summary>The tick before the latest one (the latest itself on the first tick).</summary>
    public DateTimeOffset PreviousTick { get; private set; }

    public void Tick(DateTimeOffset now)
    {
        if (now - _lastTick > tickInterval * StallTicks) From = now;
        PreviousTick = _lastTick ?? now;
        _lastTick = now;
    }

    /// <summary>The instant a silence since <paramref name="lastSign"/> counts from.</summary>
    public DateTimeOffset SilentSince(DateTimeOffset lastSign) => lastSign > From ? lastSign : From;
}

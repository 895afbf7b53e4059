using SolarHub.Core.Telemetry;

namespace SolarHub.Core.Banks;

/// <summary>
/// Which adapter feeds the bank's telemetry, since when, and why it changed. It remembers the active adapter's latest
/// reading because a failover's duration is the data gap the switch ended, not the time the decision took. An operator's
/// pin lives here too: while it holds, the failover policy is not asked.
/// </summary>
public sealed class ActiveAdapter(string bankId)
{
    /// <summary>How many failovers <see cref="History"/> keeps (the count keeps them all).</summary>
    public const int HistoryLength = 50;

    private readonly Queue<FailoverOccurred> _history = new();
    private DateTimeOffset? _since;
    private DateTimeOffset? _lastFrameAt;

    /// <summary>The active adapter's id; null before the first activation or after the active one left the configuration.</summary>
    public string? Id { get; private set; }

    /// <summary>The adapter an operator forced active, while the pin holds.</summary>
    public string? Forced { get; private set; }

    public long FailoverCount { get; private set; }

    /// <summary>The latest failovers, newest first.</summary>
    public IReadOnlyList<FailoverOccurred> History => _history.Reverse().ToList();

    public bool Is(string adapterId) => Id == adapterId;

    /// <summary>The active adapter delivered a reading.</summary>
    public void FrameReceived(DateTimeOffset now) => _lastFrameAt = now;

    /// <summary>
    /// Makes <paramref name="decision"/>'s adapter active. Returns the failover to publish, or null for a first activation
    /// (nothing was active before). <paramref name="from"/> names the outgoing adapter when it is no longer <see cref="Id"/>.
    /// </summary>
    public FailoverOccurred? SwitchTo(FailoverPolicy.Decision decision, DateTimeOffset now, string? from = null)
    {
        from ??= Id;
        var gap = now - (_lastFrameAt ?? _since ?? now);
        var previousActive = _since is { } since ? now - since : (TimeSpan?)null;
        Id = decision.To;
        _since = now;
        _lastFrameAt = null;
        if (from is null) return null;

        var failover = new FailoverOccurred(bankId, now, from, decision.To, decision.Reason, decision.IsFailback)
        {
            DurationMs = Math.Round(gap.TotalMilliseconds, 1),
            PreviousActiveMs = previousActive is { } p ? Math.Round(p.TotalMilliseconds, 1) : null,
        };
        FailoverCount++;
        _history.Enqueue(failover);
        while (_history.Count > HistoryLength) _history.Dequeue();
        return failover;
    }

    /// <summary>
    /// The active adapter left the configuration. Its clocks stay: the next switch still measures the gap from its
    /// last reading.
    /// </summary>
    public void Vacate() => Id = null;

    public void Pin(string adapterId) => Forced = adapterId;

    public void Unpin() => Forced = null;

    /// <summary>Why the pin must end, or null while it holds (or there is none): it holds only while the forced adapter is healthy.</summary>
    public string? PinBrokenBy(AdapterTracker? forced) =>
        Forced is not null && forced is { State: not AdapterState.Healthy } lost ? $"{lost.Id} {lost.State}: {lost.StateReason}" : null;
}

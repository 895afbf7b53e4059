namespace SolarHub.Core.Adapters;

/// <summary>
/// How long an adapter's connection waits before it is started again after it stopped. Normally exponential, from
/// <c>backoff-min</c> doubling to <c>backoff-max</c>, with up to 20 % jitter added, so a standby whose gateway is gone
/// costs next to nothing. While its bank has no healthy adapter ("urgent") the wait is at most <c>down-retry</c>: that
/// bank has nothing better to do than try again, and a connect attempt or two a second is cheap. The jitter there is
/// taken off the cap rather than added, so the cap stays a bound. The count of restarts carries on while urgent, so an
/// adapter that keeps failing goes back to long waits once another adapter is healthy.
/// </summary>
public sealed class RestartBackoff(TimeSpan min, TimeSpan max, TimeSpan downRetry, double randomFactor = 0.2)
{
    /// <summary>Restarts since the last <see cref="Reset"/>.</summary>
    public int Restarts { get; private set; }

    /// <summary>The wait before the next start, and counts the restart. <paramref name="random"/> is in [0, 1).</summary>
    public TimeSpan Next(bool urgent, double random)
    {
        var exponential = Exponential(Restarts) * (1 + random * randomFactor);
        Restarts++;
        if (!urgent) return exponential;
        var cap = downRetry * (1 - random * randomFactor);
        return exponential < cap ? exponential : cap;
    }

    /// <summary>
    /// What is left of a wait planned as <paramref name="planned"/>, of which <paramref name="waited"/> has passed, once
    /// the bank has no healthy adapter: the wait ends at most <c>down-retry</c> after it began (at once if that is past).
    /// </summary>
    public TimeSpan RemainingWhenUrgent(TimeSpan planned, TimeSpan waited)
    {
        var end = planned < downRetry ? planned : downRetry;
        return end > waited ? end - waited : TimeSpan.Zero;
    }

    /// <summary>The connection ran long enough (<c>backoff-max</c>): the next wait starts from <c>backoff-min</c> again.</summary>
    public void Reset() => Restarts = 0;

    private TimeSpan Exponential(int restarts)
    {
        // 2^30 times any sensible minimum is past any maximum: no need to compute further (or overflow).
        var delay = restarts >= 30 ? max : min * Math.Pow(2, restarts);
        return delay < max ? delay : max;
    }
}

namespace SolarHub.ConfigStore;

/// <summary>
/// How long a client keeps at a write. A write that lost a race to another client (or found the database locked) is
/// planned again against the fresh state after a short random pause, until <see cref="Deadline"/>: a user's change
/// must not fail because others write too, and each lost race means another write was stored, so all get through. A
/// store that does not answer within <see cref="AskTimeout"/> (a large import) is asked again with the same request
/// id: it answers with what the first attempt stored.
/// </summary>
public sealed record WriteRetry(TimeSpan AskTimeout, TimeSpan Deadline)
{
    public static WriteRetry Default { get; } = new(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(60));

    private static readonly TimeSpan MaxPause = TimeSpan.FromSeconds(1);

    /// <summary>A random pause before attempt <paramref name="attempt"/> + 1 (from 20 ms, doubling to at most 1 s), so racing clients spread out.</summary>
    public static TimeSpan Pause(int attempt, Random random)
    {
        double ceiling = Math.Min(MaxPause.TotalMilliseconds, 20 * Math.Pow(2, Math.Min(attempt, 10)));
        return TimeSpan.FromMilliseconds(10 + random.NextDouble() * ceiling);
    }
}

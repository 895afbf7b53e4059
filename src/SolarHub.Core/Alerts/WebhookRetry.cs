namespace SolarHub.Core.Alerts;

/// <summary>How a delivery is retried: doubling waits from <see cref="First"/> up to <see cref="Longest"/>, <see cref="Attempts"/> tries in all.</summary>
public sealed record WebhookRetry(int Attempts, TimeSpan First, TimeSpan Longest)
{
    /// <summary>5 tries over about half a minute: a receiver restarting is waited for, one gone for long is not.</summary>
    public static WebhookRetry Default { get; } = new(5, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(15));

    /// <summary>The wait after failed attempt number <paramref name="attempt"/> (1-based), or null when none is left.</summary>
    public TimeSpan? After(int attempt)
    {
        if (attempt >= Attempts) return null;
        var wait = First.Ticks * Math.Pow(2, attempt - 1);
        return TimeSpan.FromTicks((long)Math.Min(wait, Longest.Ticks));
    }
}

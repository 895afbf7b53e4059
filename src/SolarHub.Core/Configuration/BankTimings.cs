using Akka.Configuration;

namespace SolarHub.Core.Configuration;

/// <summary>The clocks of a bank: HOCON <c>solarhub.bank</c>; solarhub.core.conf says what each one means.</summary>
public sealed record BankTimings(
    TimeSpan HeartbeatInterval,
    TimeSpan HeartbeatTimeout,
    TimeSpan DataDeadline,
    TimeSpan BackoffMin,
    TimeSpan BackoffMax,
    TimeSpan DownRetry,
    int RestartBudget,
    TimeSpan RestartBudgetWindow,
    TimeSpan FailbackHoldDown,
    TimeSpan PackStaleAfter,
    TimeSpan CompleteSetGrace,
    StandbyMode Standby,
    TimeSpan ProbeInterval,
    TimeSpan ProbeWindow,
    TimeSpan TelemetryInterval)
{
    /// <summary>A passive adapter's bus is silent once quiet for this many times its longest recent gap (<see cref="SolarHub.Core.Adapters.BusRhythm"/>); 0: off.</summary>
    public double SilenceFactor { get; init; } = 3;

    /// <summary>The shortest silence the bus's rhythm ever declares.</summary>
    public TimeSpan SilenceFloor { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>The built-in defaults (the embedded solarhub.core.conf).</summary>
    public static BankTimings Default { get; } = FromConfig(SolarHubConfig.Defaults.GetConfig("solarhub.bank"));

    /// <summary>Reads a <c>solarhub.bank</c>-shaped block; keys it lacks come from <paramref name="fallback"/>.</summary>
    public static BankTimings FromConfig(Config bank, BankTimings? fallback = null)
    {
        TimeSpan Span(string key, TimeSpan? otherwise)
        {
            if (!bank.HasPath(key)) return otherwise ?? throw new ConfigurationException($"solarhub.bank.{key} is missing");
            var value = bank.GetTimeSpan(key);
            return value > TimeSpan.Zero ? value : throw new ConfigurationException($"solarhub.bank.{key}: {value} must be positive");
        }

        var timings = new BankTimings(
            Span("heartbeat-interval", fallback?.HeartbeatInterval),
            Span("heartbeat-timeout", fallback?.HeartbeatTimeout),
            Span("data-deadline", fallback?.DataDeadline),
            Span("backoff-min", fallback?.BackoffMin),
            Span("backoff-max", fallback?.BackoffMax),
            Span("down-retry", fallback?.DownRetry),
            bank.HasPath("restart-budget") ? bank.GetInt("restart-budget") : fallback?.RestartBudget ?? 5,
            Span("restart-budget-window", fallback?.RestartBudgetWindow),
            Span("failback-hold-down", fallback?.FailbackHoldDown),
            Span("pack-stale-after", fallback?.PackStaleAfter),
            Span("complete-set-grace", fallback?.CompleteSetGrace),
            bank.HasPath("standby") ? ParseStandby(bank.GetString("standby")) : fallback?.Standby ?? StandbyMode.Hot,
            Span("probe-interval", fallback?.ProbeInterval),
            Span("probe-window", fallback?.ProbeWindow),
            Span("telemetry-interval", fallback?.TelemetryInterval))
        {
            SilenceFactor = bank.HasPath("silence-factor") ? bank.GetDouble("silence-factor") : fallback?.SilenceFactor ?? 3,
            SilenceFloor = bank.HasPath("silence-floor") ? Span("silence-floor", null) : fallback?.SilenceFloor ?? TimeSpan.FromMilliseconds(250),
        };
        if (timings.SilenceFactor is < 0 or > 100 || double.IsNaN(timings.SilenceFactor))
            throw new ConfigurationException($"solarhub.bank.silence-factor: {timings.SilenceFactor} must be 0 (off) to 100");
        if (timings.HeartbeatTimeout <= timings.HeartbeatInterval)
            throw new ConfigurationException($"solarhub.bank.heartbeat-timeout ({timings.HeartbeatTimeout}) must be longer than heartbeat-interval ({timings.HeartbeatInterval})");
        if (timings.BackoffMax < timings.BackoffMin)
            throw new ConfigurationException($"solarhub.bank.backoff-max ({timings.BackoffMax}) must not be below backoff-min ({timings.BackoffMin})");
        return timings;
    }

    private static StandbyMode ParseStandby(string value) => value.ToLowerInvariant() switch
    {
        "hot" => StandbyMode.Hot,
        "probe" => StandbyMode.Probe,
        "cold" => StandbyMode.Cold,
        _ => throw new ConfigurationException($"solarhub.bank.standby: '{value}' is not one of hot, probe, cold"),
    };
}

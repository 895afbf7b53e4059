using Akka.Configuration;
using SolarHub.Core.Configuration;

namespace SolarHub.History;

/// <summary>HOCON <c>solarhub.history</c>; solarhub.history.conf (embedded) holds the defaults and says what each key means.</summary>
public sealed record HistoryOptions(
    bool Enabled,
    TimeSpan SampleInterval,
    TimeSpan RawRetention,
    TimeSpan HourlyRetention,
    TimeSpan FlushInterval,
    int BatchSize,
    int BufferLimit,
    TimeSpan RetryBackoffMin,
    TimeSpan RetryBackoffMax,
    TimeSpan RetentionInterval)
{
    public const string Path = "solarhub.history";

    /// <summary>solarhub.history.conf, embedded in this assembly.</summary>
    public static Config Defaults { get; } = EmbeddedHocon.Load(typeof(HistoryOptions).Assembly, "solarhub.history.conf");

    /// <summary>Reads the <c>solarhub.history</c> block of <paramref name="config"/> (which must hold the defaults); a bad value throws naming its key.</summary>
    public static HistoryOptions FromConfig(Config config)
    {
        if (!config.HasPath(Path)) throw new ConfigurationException($"{Path} is missing");
        var history = config.GetConfig(Path);

        TimeSpan Span(string key)
        {
            if (!history.HasPath(key)) throw new ConfigurationException($"{Path}.{key} is missing");
            TimeSpan value;
            try { value = history.GetTimeSpan(key); }
            catch (Exception e) when (e is not ConfigurationException) { throw new ConfigurationException($"{Path}.{key}: '{history.GetString(key)}' is not a duration (e.g. 10s, 5m, 30d)"); }
            return value > TimeSpan.Zero ? value : throw new ConfigurationException($"{Path}.{key}: {value} must be positive");
        }

        int Count(string key, int min, int max)
        {
            if (!history.HasPath(key)) throw new ConfigurationException($"{Path}.{key} is missing");
            int value;
            try { value = history.GetInt(key); }
            catch (Exception e) when (e is not ConfigurationException) { throw new ConfigurationException($"{Path}.{key}: '{history.GetString(key)}' is not a whole number"); }
            return value >= min && value <= max ? value : throw new ConfigurationException($"{Path}.{key}: {value} must be between {min} and {max}");
        }

        bool enabled;
        try { enabled = !history.HasPath("enabled") || history.GetBoolean("enabled"); }
        catch (Exception e) when (e is not ConfigurationException) { throw new ConfigurationException($"{Path}.enabled: '{history.GetString("enabled")}' is not on/off"); }

        var options = new HistoryOptions(
            enabled,
            Span("sample-interval"),
            Span("raw-retention"),
            Span("hourly-retention"),
            Span("flush-interval"),
            Count("batch-size", 1, 100_000),
            Count("buffer-limit", 1, 100_000_000),
            Span("retry-backoff-min"),
            Span("retry-backoff-max"),
            Span("retention-interval"));
        if (options.BufferLimit < options.BatchSize)
            throw new ConfigurationException($"{Path}.buffer-limit ({options.BufferLimit}) must not be below batch-size ({options.BatchSize})");
        if (options.HourlyRetention < options.RawRetention)
            throw new ConfigurationException($"{Path}.hourly-retention ({options.HourlyRetention}) must not be shorter than raw-retention ({options.RawRetention})");
        if (options.RetryBackoffMax < options.RetryBackoffMin)
            throw new ConfigurationException($"{Path}.retry-backoff-max ({options.RetryBackoffMax}) must not be below retry-backoff-min ({options.RetryBackoffMin})");
        return options;
    }
}

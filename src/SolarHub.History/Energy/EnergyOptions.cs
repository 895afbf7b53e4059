using Akka.Configuration;

namespace SolarHub.History.Energy;

/// <summary>HOCON <c>solarhub.history.energy</c> (defaults and their meaning in solarhub.history.conf).</summary>
public sealed record EnergyOptions(TimeSpan MaxGap, TimeSpan FlushInterval)
{
    public const string Path = "solarhub.history.energy";

    /// <summary>Reads the block from <paramref name="config"/> (which must hold the defaults); a bad value throws naming its key.</summary>
    public static EnergyOptions FromConfig(Config config)
    {
        TimeSpan Span(string key)
        {
            string path = $"{Path}.{key}";
            if (!config.HasPath(path)) throw new ConfigurationException($"{path} is missing");
            TimeSpan value;
            try { value = config.GetTimeSpan(path); }
            catch (Exception e) when (e is not ConfigurationException) { throw new ConfigurationException($"{path}: '{config.GetString(path)}' is not a duration (e.g. 10s, 1m)"); }
            return value > TimeSpan.Zero ? value : throw new ConfigurationException($"{path}: {value} must be positive");
        }

        return new EnergyOptions(Span("max-gap"), Span("flush-interval"));
    }
}

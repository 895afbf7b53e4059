using Akka.Configuration;

namespace SolarHub.Core.Configuration;

/// <summary>SolarHub.Core's HOCON: the embedded defaults, and the timings that apply to one bank.</summary>
public static class SolarHubConfig
{
    /// <summary>The banks' and adapters' defaults: solarhub.core.conf, embedded in this assembly.</summary>
    public static Config Defaults { get; } = EmbeddedHocon.Load(typeof(SolarHubConfig).Assembly, "solarhub.core.conf");

    /// <summary>A bank's timings: <c>solarhub.bank</c>, then <c>solarhub.banks."id"</c> on top.</summary>
    public static BankTimings TimingsFor(Config config, string bankId)
    {
        var merged = ReferenceEquals(config, Defaults) ? config : config.WithFallback(Defaults);
        var common = BankTimings.FromConfig(merged.GetConfig("solarhub.bank"));
        var key = $"solarhub.banks.\"{bankId}\"";
        return merged.HasPath(key) ? BankTimings.FromConfig(merged.GetConfig(key), common) : common;
    }

    public static AdapterSettings AdapterSettingsFrom(Config config)
    {
        // Akka refuses a config as its own fallback, and AdapterSettings.Default passes Defaults itself.
        var merged = ReferenceEquals(config, Defaults) ? config : config.WithFallback(Defaults);
        var adapter = merged.GetConfig("solarhub.adapter");
        return new AdapterSettings(adapter.GetTimeSpan("connect-timeout"), Math.Max(256, adapter.GetInt("read-buffer-size")));
    }
}

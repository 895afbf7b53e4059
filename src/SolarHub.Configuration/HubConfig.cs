using SolarHub.Configuration.Alerts;

namespace SolarHub.Configuration;

/// <summary>Everything SolarHub runs: the banks, how they are grouped into battery arrays, where telemetry goes over MQTT (null: nowhere), the alert rules users changed (null: the built-in ones), and what the source held that SolarHub does not handle.</summary>
public sealed record HubConfig(IReadOnlyList<BankConfig> Banks, IReadOnlyList<string> IgnoredSections, IReadOnlyList<BatteryArrayConfig>? Arrays = null, MqttConfig? Mqtt = null,
    AlertsConfig? Alerts = null)
{
    public static HubConfig Empty { get; } = new([], []);

    /// <summary>The battery arrays (never null).</summary>
    public IReadOnlyList<BatteryArrayConfig> BatteryArrays => Arrays ?? [];
}

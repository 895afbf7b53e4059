namespace SolarHub.Configuration;

/// <summary>
/// Where SolarHub publishes telemetry over MQTT (the legacy <c>mqtt:</c> section). Topics live under
/// <see cref="BaseTopic"/>; Home Assistant discovery messages under <see cref="DiscoveryPrefix"/> when
/// <see cref="HaDiscovery"/> is on.
/// </summary>
/// <param name="ClientId">Null: <see cref="DefaultClientId"/>, worked out on the machine that runs the hub (so an exported file does not pin one machine's name).</param>
public sealed record MqttConfig(
    string Host,
    int Port = MqttConfig.DefaultPort,
    string? Username = null,
    string? Password = null,
    string BaseTopic = MqttConfig.DefaultBaseTopic,
    string? ClientId = null,
    bool HaDiscovery = true,
    string DiscoveryPrefix = MqttConfig.DefaultDiscoveryPrefix)
{
    public const int DefaultPort = 1883;
    public const string DefaultBaseTopic = "solarhub";
    public const string DefaultDiscoveryPrefix = "homeassistant";

    public static string DefaultClientId => $"solarhub-{Environment.MachineName.ToLowerInvariant()}";

    /// <summary>The client id used to connect.</summary>
    public string EffectiveClientId => ClientId ?? DefaultClientId;

    /// <summary>The same broker (host and port): other credentials, client id or topics are another connection to it.</summary>
    public bool IsSameBrokerAs(MqttConfig other) => string.Equals(Host, other.Host, StringComparison.OrdinalIgnoreCase) && Port == other.Port;

    /// <summary>For people and logs: never shows the password.</summary>
    public string Describe() =>
        $"mqtt://{(Username is null ? "" : $"{Username}{(Password is null ? "" : ":***")}@")}{Host}:{Port} base topic {BaseTopic}" +
        (HaDiscovery ? $", Home Assistant discovery under {DiscoveryPrefix}" : ", no Home Assistant discovery");

    // The password stays out of ToString, which logs and test failures print.
    public override string ToString() => Describe();
}

using SolarHub.Configuration.Validation;
using YamlDotNet.RepresentationModel;
using static SolarHub.Configuration.Legacy.LegacyKeys;

namespace SolarHub.Configuration.Legacy;

/// <summary>Reads the <c>mqtt:</c> section: the broker SolarHub publishes telemetry to. An empty section means no MQTT.</summary>
internal static class LegacyMqttReader
{
    public static MqttConfig? Read(YamlNode section, LegacyDiagnostics diagnostics)
    {
        if (YamlScalars.IsNull(section))
            return null;
        if (section is not YamlMappingNode mapping)
        {
            diagnostics.Error(section.Start, Mqtt, $"{YamlScalars.Show(section)} is not a mapping (host, port, username, …)");
            return null;
        }

        var fields = new YamlFields(mapping, Mqtt, diagnostics);
        fields.RejectUnknownKeys(MqttKeys, "the mqtt section");
        var host = fields.Text(Host);
        if (host is null && !fields.Has(Host))
            fields.Error(Host, "missing: the mqtt section needs the broker's host");
        var port = fields.Int(Port);
        if (port is < 1 or > 65535)
        {
            fields.Error(Port, $"{port} is not a TCP port (1-65535)");
            port = null;
        }

        var mqtt = new MqttConfig(
            host ?? "",
            port ?? MqttConfig.DefaultPort,
            fields.Text(Username),
            fields.Text(Password),
            fields.Text(BaseTopic) ?? MqttConfig.DefaultBaseTopic,
            fields.Text(ClientId),
            fields.Bool(HaDiscovery) ?? true,
            fields.Text(DiscoveryPrefix) ?? MqttConfig.DefaultDiscoveryPrefix);

        // The rules every source shares; what the reading above already reported is not said twice.
        foreach (var (key, message) in MqttConfigValidator.FindIssues(mqtt))
            if (!diagnostics.HasErrorAt(fields.PathOf(key)) && (key != Host || fields.Has(Host)))
                fields.Error(key, message);
        return mqtt;
    }
}

using SolarHub.Core.Telemetry;
using SolarHub.Mqtt.HomeAssistant;

namespace SolarHub.Mqtt.Bridge;

/// <summary>One pack on MQTT. Its discovery follows its shape: the configured cells until data shows the real one.</summary>
internal sealed class PackOutput(byte address, PackShape configuredShape)
{
    public byte Address { get; } = address;
    public PackShape ConfiguredShape { get; set; } = configuredShape;
    public PackShape? DiscoveredShape { get; set; }
    public PublishedEntity<PackTelemetry> State { get; } = new();

    public PackShape Shape => State.Latest is { } latest ? PackShape.Of(latest) : ConfiguredShape;
}

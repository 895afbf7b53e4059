using SolarHub.Core.Telemetry;

namespace SolarHub.Mqtt.HomeAssistant;

/// <summary>What a pack's discovery depends on: how many cells and temperature sensors it reports.</summary>
public sealed record PackShape(int Cells, int Temperatures, bool HasMosTemperature)
{
    public static PackShape Of(PackTelemetry pack) => new(pack.Cells.Count, pack.Temperatures.Count, pack.MosTemperature is not null);
}

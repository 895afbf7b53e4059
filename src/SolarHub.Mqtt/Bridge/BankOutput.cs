using SolarHub.Core.Telemetry;
using SolarHub.Mqtt.HomeAssistant;

namespace SolarHub.Mqtt.Bridge;

/// <summary>One bank on MQTT: its totals, its energy counters and its packs.</summary>
internal sealed class BankOutput(string id, string name)
{
    public string Id { get; } = id;
    public string Name { get; set; } = name;
    public bool Discovered { get; set; }
    public PublishedEntity<BankTelemetry> Totals { get; } = new();
    public EnergyOutput Energy { get; } = new();
    public SortedDictionary<byte, PackOutput> Packs { get; } = new();

    public PackOutput Pack(byte address, int configuredCells = 0)
    {
        if (!Packs.TryGetValue(address, out var pack))
            Packs[address] = pack = new PackOutput(address, new PackShape(configuredCells, 0, false));
        return pack;
    }
}

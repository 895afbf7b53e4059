using SolarHub.Core.Telemetry;

namespace SolarHub.Core.Banks;

/// <summary>A pack's latest published telemetry and its own freshness clock.</summary>
public sealed class PackRecord(byte address)
{
    public byte Address { get; } = address;
    public PackTelemetry? Latest { get; set; }
    public bool Stale { get; set; } = true;
    public DateTimeOffset? UpdatedAt => Latest?.UpdatedAt;
}

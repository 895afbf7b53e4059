using System.Text.Json.Serialization;
using SolarHub.Protocol.Jk.Decoding;

namespace SolarHub.Core.Telemetry;

/// <summary>
/// One pack's latest values as the bank publishes them. <see cref="Stale"/> is true when no fresh data came within
/// the stale deadline: the values are then the last known ones, never to be shown as live.
/// Units: V, A, W, Ah, °C, seconds.
/// </summary>
public sealed record PackTelemetry(
    string BankId,
    byte Address,
    string? AdapterId,
    DateTimeOffset UpdatedAt,
    bool Stale,
    IReadOnlyList<double> Cells,
    double CellMin,
    double CellMax,
    double CellDelta,
    double PackVoltage,
    double Current,
    double Power,
    int Soc,
    int Soh,
    double RemainingCapacity,
    double FullCapacity,
    long Cycles,
    double? MosTemperature,
    IReadOnlyList<double> Temperatures,
    IReadOnlyList<string> Alarms,
    bool Charging,
    bool Discharging,
    bool Balancing)
{
    /// <summary>
    /// Stopwatch timestamp of the socket read that completed the frame (0 when unknown), for latency measurements.
    /// Meaningful inside this process only, so never written to JSON (a bare integer a client could not interpret).
    /// </summary>
    [JsonIgnore]
    public long SourceTimestamp { get; init; }

    /// <summary>The BMS's own cumulative figure: ampere-hours cycled through the pack over its life (0 when it reports none).</summary>
    public double CycledCapacity { get; init; }

    public static PackTelemetry From(string bankId, byte address, string? adapterId, DateTimeOffset updatedAt, in CellInfo c, long sourceTimestamp = 0)
    {
        var cells = new double[c.CellCount];
        for (int i = 0; i < cells.Length; i++) cells[i] = c.CellVoltage(i);
        var temperatures = new List<double>(c.TemperatureCount);
        for (int i = 0; i < c.TemperatureCount; i++)
            if (c.TemperaturePresent(i)) temperatures.Add(c.Temperature(i));
        return new PackTelemetry(bankId, address, adapterId, updatedAt, Stale: false, cells,
            c.MinCellVoltage, c.MaxCellVoltage, c.DeltaCellVoltage, c.PackVoltage, c.Current, c.Power, c.Soc, c.Soh,
            c.RemainingCapacity, c.FullCapacity, c.Cycles,
            c.MosTemperatureDeci > CellInfo.AbsentSensorDeci ? c.MosTemperature : null,
            temperatures, JkAlarmNames.Names(c.Alarms), c.ChargeMosfet, c.DischargeMosfet, c.Balancing)
        {
            SourceTimestamp = sourceTimestamp,
            CycledCapacity = c.TotalCycledCapacity,
        };
    }
}

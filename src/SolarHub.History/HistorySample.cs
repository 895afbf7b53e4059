using SolarHub.Core.Telemetry;

namespace SolarHub.History;

/// <summary>
/// One recorded sample: a bank's totals (<see cref="Pack"/> null) or one pack's values at <see cref="At"/>, the values
/// in the order of <see cref="HistoryTable.Metrics"/> (null: not measured, e.g. a pack without temperature sensors).
/// </summary>
public sealed record HistorySample(string BankId, byte? Pack, DateTimeOffset At, double?[] Values)
{
    public HistoryTable Table => Pack is null ? HistoryTable.Bank : HistoryTable.Pack;

    /// <summary>A bank's totals, in the order of <see cref="HistoryTable.Bank"/>.</summary>
    public static HistorySample From(BankTelemetry t) => new(t.BankId, null, t.At,
        [t.Soc, t.Voltage, t.Current, t.Power, t.CellMin, t.CellMax, t.TemperatureMin, t.TemperatureMax, t.PacksFresh]);

    /// <summary>A pack's values, in the order of <see cref="HistoryTable.Pack"/>; temperatures are those of its sensors (none: null).</summary>
    public static HistorySample From(PackTelemetry t)
    {
        double? min = null, max = null;
        foreach (var temperature in t.Temperatures)
        {
            if (min is null || temperature < min) min = temperature;
            if (max is null || temperature > max) max = temperature;
        }
        return new(t.BankId, t.Address, t.UpdatedAt,
            [t.Soc, t.PackVoltage, t.Current, t.Power, t.CellMin, t.CellMax, t.CellDelta, min, max, t.Cycles]);
    }
}

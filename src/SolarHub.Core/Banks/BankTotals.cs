using SolarHub.Core.Telemetry;

namespace SolarHub.Core.Banks;

/// <summary>Bank totals over fresh packs: parallel packs share voltage, add current and power; SOC is weighted by capacity.</summary>
public static class BankTotals
{
    public static BankTelemetry Compute(string bankId, DateTimeOffset at, BankState state, string? active, IReadOnlyCollection<PackRecord> packs)
    {
        var fresh = packs.Where(p => !p.Stale && p.Latest is not null).Select(p => p.Latest!).ToList();
        var basis = fresh.Count > 0 ? fresh : packs.Where(p => p.Latest is not null).Select(p => p.Latest!).ToList();
        double capacity = basis.Sum(p => p.FullCapacity);
        double soc = basis.Count == 0 ? 0
            : capacity > 0 ? basis.Sum(p => p.Soc * p.FullCapacity) / capacity
            : basis.Average(p => p.Soc);
        var temperatures = basis.SelectMany(p => p.Temperatures).ToList();
        var alarms = basis.SelectMany(p => p.Alarms.Select(a => $"pack {p.Address}: {a}")).ToList();
        return new BankTelemetry(
            bankId, at, state, active, fresh.Count, packs.Count, Stale: fresh.Count == 0,
            Voltage: basis.Count == 0 ? 0 : basis.Average(p => p.PackVoltage),
            Current: basis.Sum(p => p.Current),
            Power: basis.Sum(p => p.Power),
            Soc: Math.Round(soc, 1),
            RemainingCapacity: basis.Sum(p => p.RemainingCapacity),
            FullCapacity: capacity,
            CellMin: basis.Count == 0 ? 0 : basis.Min(p => p.CellMin),
            CellMax: basis.Count == 0 ? 0 : basis.Max(p => p.CellMax),
            TemperatureMin: temperatures.Count == 0 ? 0 : temperatures.Min(),
            TemperatureMax: temperatures.Count == 0 ? 0 : temperatures.Max(),
            alarms);
    }
}

using SolarHub.Core.Telemetry;

namespace SolarHub.Mqtt.Tests.Bridge;

/// <summary>Telemetry as banks publish it, for the bridge's plain classes.</summary>
internal static class Samples
{
    public static readonly DateTimeOffset T0 = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    public static PackTelemetry Pack(string bank, byte address, bool stale = false, int cells = 16, int temperatures = 2) =>
        new(bank, address, "gw", T0, stale,
            Enumerable.Range(0, cells).Select(i => 3.3 + i * 0.001).ToList(),
            CellMin: 3.3, CellMax: 3.3 + (cells - 1) * 0.001, CellDelta: (cells - 1) * 0.001,
            PackVoltage: 53.2, Current: -12.5, Power: -665, Soc: 80, Soh: 99,
            RemainingCapacity: 224, FullCapacity: 280, Cycles: 42, MosTemperature: 31.5,
            Temperatures: Enumerable.Range(0, temperatures).Select(i => 24.0 + i).ToList(),
            Alarms: [], Charging: false, Discharging: true, Balancing: true);

    public static BankTelemetry Bank(string bank, bool stale = false) =>
        new(bank, T0, stale ? BankState.Down : BankState.Healthy, stale ? null : "gw", stale ? 0 : 2, 2, stale,
            Voltage: 53.2, Current: -25, Power: -1330, Soc: 80, RemainingCapacity: 448, FullCapacity: 560,
            CellMin: 3.3, CellMax: 3.315, TemperatureMin: 24.1, TemperatureMax: 25.3, Alarms: []);
}

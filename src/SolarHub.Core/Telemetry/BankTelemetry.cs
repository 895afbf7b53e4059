namespace SolarHub.Core.Telemetry;

/// <summary>
/// A bank's totals over its fresh packs (packs in parallel: voltage averaged, current and power summed, SOC weighted
/// by capacity). <see cref="Stale"/> is true when no pack is fresh: the figures are then the last known ones.
/// </summary>
public sealed record BankTelemetry(
    string BankId,
    DateTimeOffset At,
    BankState State,
    string? ActiveAdapter,
    int PacksFresh,
    int PacksTotal,
    bool Stale,
    double Voltage,
    double Current,
    double Power,
    double Soc,
    double RemainingCapacity,
    double FullCapacity,
    double CellMin,
    double CellMax,
    double TemperatureMin,
    double TemperatureMax,
    IReadOnlyList<string> Alarms);

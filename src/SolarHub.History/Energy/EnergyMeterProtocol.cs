using SolarHub.Core.Telemetry;

namespace SolarHub.History.Energy;

/// <summary>Asks the <see cref="EnergyMeter"/> for the latest stored counters of the banks it counts (this node's); answered with <see cref="EnergyCounters"/>.</summary>
public sealed record GetEnergyCounters
{
    public static GetEnergyCounters Instance { get; } = new();
}

public sealed record EnergyCounters(IReadOnlyList<BankEnergy> Banks);

/// <summary>Asks for one bank's stored counters and daily sums (any bank in the database); answered with <see cref="EnergyReport"/> or <see cref="EnergyQueryFailed"/>.</summary>
public sealed record GetEnergyReport(string BankId, byte? Pack, DateOnly From, DateOnly To);

/// <summary>A bank's counters (null when it was never counted) and its (or one pack's) days.</summary>
public sealed record EnergyReport(string BankId, byte? Pack, BankEnergy? Totals, IReadOnlyList<EnergyDay> Days);

public sealed record EnergyQueryFailed(string Error);

/// <summary>Writes what was counted now (tests, shutdown); answered with <see cref="EnergyWritten"/> once written (or failed).</summary>
public sealed record WriteEnergy
{
    public static WriteEnergy Instance { get; } = new();
}

public sealed record EnergyWritten(bool Ok);

namespace SolarHub.Core.Telemetry;

/// <summary>
/// A bank's energy counters as stored (kWh since counting began, never decreasing): charged into and discharged from
/// the bank, the sum of its packs', and each pack's. Published after each write of the counters, so a value once
/// published is already durable and a restart or a move to another node never shows a smaller one.
/// </summary>
public sealed record BankEnergy(string BankId, DateTimeOffset At, double ChargedKwh, double DischargedKwh, IReadOnlyList<PackEnergy> Packs);

/// <summary>One pack's energy counters in kWh.</summary>
public sealed record PackEnergy(byte Address, double ChargedKwh, double DischargedKwh);

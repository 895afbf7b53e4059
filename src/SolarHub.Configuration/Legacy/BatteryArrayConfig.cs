namespace SolarHub.Configuration.Legacy;

/// <summary>A named group of banks (<c>battery_bank_arrays:</c> in the legacy file), e.g. the banks behind one inverter array.</summary>
public sealed record BatteryArrayConfig(string Id, string Name, IReadOnlyList<string> BankIds);

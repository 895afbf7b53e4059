namespace SolarHub.Configuration;

/// <summary>A named group of banks (<c>battery_bank_arrays:</c> in a legacy config.yaml), e.g. the banks behind one inverter array.</summary>
public sealed record BatteryArrayConfig(string Id, string Name, IReadOnlyList<string> BankIds);

namespace SolarHub.Simulator;

/// <summary>
/// What a pack reports in its type 01 (settings) frame. Defaults are typical for a 16S LFP JK-PB pack.
/// Units as on the wire: mV, mA, 0.1 °C, s, µs, mAh.
/// </summary>
public sealed record PackSettings
{
    public int SmartSleepVoltageMv { get; init; } = 3300;
    public int CellUndervoltageProtectionMv { get; init; } = 2700;
    public int CellUndervoltageRecoveryMv { get; init; } = 2900;
    public int CellOvervoltageProtectionMv { get; init; } = 3650;
    public int CellOvervoltageRecoveryMv { get; init; } = 3550;
    public int BalanceTriggerDeltaMv { get; init; } = 10;
    public int Soc100VoltageMv { get; init; } = 3450;
    public int Soc0VoltageMv { get; init; } = 3000;
    public int RequestChargeVoltageMv { get; init; } = 3550;
    public int RequestFloatVoltageMv { get; init; } = 3400;
    public int PowerOffVoltageMv { get; init; } = 2600;
    public int MaxChargeCurrentMa { get; init; } = 100_000;
    public int ChargeOvercurrentDelaySeconds { get; init; } = 30;
    public int ChargeOvercurrentRecoverySeconds { get; init; } = 60;
    public int MaxDischargeCurrentMa { get; init; } = 150_000;
    public int DischargeOvercurrentDelaySeconds { get; init; } = 300;
    public int DischargeOvercurrentRecoverySeconds { get; init; } = 60;
    public int ShortCircuitRecoverySeconds { get; init; } = 60;
    public int MaxBalanceCurrentMa { get; init; } = 2000;
    public int ChargeOvertemperatureDeci { get; init; } = 450;
    public int ChargeOvertemperatureRecoveryDeci { get; init; } = 400;
    public int DischargeOvertemperatureDeci { get; init; } = 600;
    public int DischargeOvertemperatureRecoveryDeci { get; init; } = 550;
    public int ChargeUndertemperatureDeci { get; init; } = 20;
    public int ChargeUndertemperatureRecoveryDeci { get; init; } = 50;
    public int MosfetOvertemperatureDeci { get; init; } = 1000;
    public int MosfetOvertemperatureRecoveryDeci { get; init; } = 800;
    public bool ChargeEnabled { get; init; } = true;
    public bool DischargeEnabled { get; init; } = true;
    public bool BalancerEnabled { get; init; } = true;
    public int NominalCapacityMah { get; init; } = 280_000;
    public int ShortCircuitDelayMicroseconds { get; init; } = 1500;
    public int BalanceStartVoltageMv { get; init; } = 3400;
    public ushort Flags { get; init; }
}

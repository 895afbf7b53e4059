namespace SolarHub.Protocol.Jk.Decoding;

/// <summary>A decoded type 01 frame. Voltages in mV, currents in mA, temperatures in 0.1 °C, times in s, capacity in mAh.</summary>
public readonly record struct Settings
{
    public JkLayout Layout { get; init; }
    public byte Counter { get; init; }
    public int SmartSleepVoltageMv { get; init; }
    public int CellUndervoltageProtectionMv { get; init; }
    public int CellUndervoltageRecoveryMv { get; init; }
    public int CellOvervoltageProtectionMv { get; init; }
    public int CellOvervoltageRecoveryMv { get; init; }
    public int BalanceTriggerDeltaMv { get; init; }
    public int Soc100VoltageMv { get; init; }
    public int Soc0VoltageMv { get; init; }
    public int RequestChargeVoltageMv { get; init; }
    public int RequestFloatVoltageMv { get; init; }
    public int PowerOffVoltageMv { get; init; }
    public int MaxChargeCurrentMa { get; init; }
    public int ChargeOvercurrentDelaySeconds { get; init; }
    public int ChargeOvercurrentRecoverySeconds { get; init; }
    public int MaxDischargeCurrentMa { get; init; }
    public int DischargeOvercurrentDelaySeconds { get; init; }
    public int DischargeOvercurrentRecoverySeconds { get; init; }
    public int ShortCircuitRecoverySeconds { get; init; }
    public int MaxBalanceCurrentMa { get; init; }
    public int ChargeOvertemperatureDeci { get; init; }
    public int ChargeOvertemperatureRecoveryDeci { get; init; }
    public int DischargeOvertemperatureDeci { get; init; }
    public int DischargeOvertemperatureRecoveryDeci { get; init; }
    public int ChargeUndertemperatureDeci { get; init; }
    public int ChargeUndertemperatureRecoveryDeci { get; init; }
    public int MosfetOvertemperatureDeci { get; init; }
    public int MosfetOvertemperatureRecoveryDeci { get; init; }
    public int CellCount { get; init; }
    public bool ChargeEnabled { get; init; }
    public bool DischargeEnabled { get; init; }
    public bool BalancerEnabled { get; init; }
    public int NominalCapacityMah { get; init; }
    public int ShortCircuitDelayMicroseconds { get; init; }
    public int BalanceStartVoltageMv { get; init; }
    public int DeviceAddress { get; init; }
    public ushort Flags { get; init; }

    public double NominalCapacity => NominalCapacityMah / 1000.0;
    public double MaxChargeCurrent => MaxChargeCurrentMa / 1000.0;
    public double MaxDischargeCurrent => MaxDischargeCurrentMa / 1000.0;
    public double CellUndervoltageProtection => CellUndervoltageProtectionMv / 1000.0;
    public double CellOvervoltageProtection => CellOvervoltageProtectionMv / 1000.0;
    public double BalanceStartVoltage => BalanceStartVoltageMv / 1000.0;
    public double BalanceTriggerDelta => BalanceTriggerDeltaMv / 1000.0;
}

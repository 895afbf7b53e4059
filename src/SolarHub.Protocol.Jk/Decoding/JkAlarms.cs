namespace SolarHub.Protocol.Jk.Decoding;

/// <summary>Alarm bits of a JK02 cell-info frame (u32 in JK02_32S, the low 16 bits in JK02_24S).</summary>
[Flags]
public enum JkAlarms : uint
{
    None = 0,
    WireResistance = 1u << 0,
    MosfetOvertemperature = 1u << 1,
    CellCountMismatch = 1u << 2,
    FullyCharged = 1u << 4,
    PackOvervoltage = 1u << 5,
    ChargeOvercurrent = 1u << 6,
    ChargeShortCircuit = 1u << 7,
    ChargeOvertemperature = 1u << 8,
    ChargeUndertemperature = 1u << 9,
    CoprocessorCommunication = 1u << 10,
    CellUndervoltage = 1u << 11,
    PackUndervoltage = 1u << 12,
    DischargeOvercurrent = 1u << 13,
    DischargeShortCircuit = 1u << 14,
    DischargeOvertemperature = 1u << 15,
    ChargeMosfetAbnormal = 1u << 16,
    DischargeMosfetAbnormal = 1u << 17,
    GpsDisconnected = 1u << 18,
    ModifyPasswordInTime = 1u << 19,
    DischargeOnFailed = 1u << 20,
    BatteryOvertemperature = 1u << 21,
    TemperatureSensorAnomaly = 1u << 22,
    ParallelModuleAnomaly = 1u << 23,
    ShortCircuitReleaseFailed = 1u << 24,
    DischargeOvercurrentLevel2 = 1u << 25,
    DischargeOvercurrentLevel3 = 1u << 26,
    DischargeUndertemperature = 1u << 27,
}

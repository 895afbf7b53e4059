using SolarHub.Protocol.Jk;

namespace SolarHub.Simulator;

/// <summary>
/// Where the composer writes each type 02 field. Mirrors the codec's (internal) layout table on purpose: the
/// composer tests decode with the codec, so a mismatch between the two shows up there.
/// </summary>
internal sealed record CellInfoOffsets(
    int Cells, int Mask, int Average, int Delta, int MaxIndex, int MinIndex, int Resistances,
    int MosTemperature, int PackVoltage, int Power, int Current, int[] Temperatures, int Alarms, bool WideAlarms,
    int BalanceCurrent, int BalancerAction, int Soc, int Remaining, int Full, int Cycles, int CycledCapacity,
    int Soh, int Runtime, int ChargeMosfet, int DischargeMosfet, int PrechargeMosfet, int Heating, int CoarseVoltage)
{
    public const int CellsOffset = 6;

    public static readonly CellInfoOffsets Jk02_32S = new(
        Cells: 32, Mask: 70, Average: 74, Delta: 76, MaxIndex: 78, MinIndex: 79, Resistances: 80,
        MosTemperature: 144, PackVoltage: 150, Power: 154, Current: 158, Temperatures: [162, 164, 254, 256, 258],
        Alarms: 166, WideAlarms: true, BalanceCurrent: 170, BalancerAction: 172, Soc: 173, Remaining: 174, Full: 178,
        Cycles: 182, CycledCapacity: 186, Soh: 190, Runtime: 194, ChargeMosfet: 198, DischargeMosfet: 199,
        PrechargeMosfet: 200, Heating: 215, CoarseVoltage: 234);

    // Only the 32S layout is documented with the coarse 10 mV copy; the 24S frame leaves it out.
    public static readonly CellInfoOffsets Jk02_24S = new(
        Cells: 24, Mask: 54, Average: 58, Delta: 60, MaxIndex: 62, MinIndex: 63, Resistances: 64,
        MosTemperature: 134, PackVoltage: 118, Power: 122, Current: 126, Temperatures: [130, 132],
        Alarms: 136, WideAlarms: false, BalanceCurrent: 138, BalancerAction: 140, Soc: 141, Remaining: 142, Full: 146,
        Cycles: 150, CycledCapacity: 154, Soh: 158, Runtime: 162, ChargeMosfet: 166, DischargeMosfet: 167,
        PrechargeMosfet: 168, Heating: -1, CoarseVoltage: -1);

    public static CellInfoOffsets For(JkLayout layout) => layout switch
    {
        JkLayout.JK02_32S => Jk02_32S,
        JkLayout.JK02_24S => Jk02_24S,
        _ => throw new NotSupportedException($"Layout {layout} is not simulated."),
    };
}

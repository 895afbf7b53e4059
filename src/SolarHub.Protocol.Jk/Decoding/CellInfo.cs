namespace SolarHub.Protocol.Jk.Decoding;

/// <summary>
/// A decoded type 02 frame (cell and real-time data). Raw fields keep the wire units (mV, mA, mW, mAh,
/// 0.1 °C) so decoding is exact and allocation-free; the double properties give V, A, W, Ah and °C.
/// </summary>
public readonly record struct CellInfo
{
    public JkLayout Layout { get; init; }
    public byte Counter { get; init; }
    public int CellCount { get; init; }
    public CellArray CellVoltagesMv { get; init; }
    public CellArray CellResistancesMilliohm { get; init; }
    public uint EnabledCellMask { get; init; }
    public ushort AverageCellMv { get; init; }
    public ushort DeltaCellMv { get; init; }
    public byte MaxCellIndex { get; init; }
    public byte MinCellIndex { get; init; }
    public short MosTemperatureDeci { get; init; }
    public int TemperatureCount { get; init; }
    public TemperatureArray TemperaturesDeci { get; init; }
    public uint PackVoltageMv { get; init; }
    public uint PowerMw { get; init; }
    public int CurrentMa { get; init; }
    public JkAlarms Alarms { get; init; }
    public short BalanceCurrentMa { get; init; }
    /// <summary>0 off, 1 charging, 2 discharging.</summary>
    public byte BalancerAction { get; init; }
    public byte Soc { get; init; }
    public byte Soh { get; init; }
    public int RemainingCapacityMah { get; init; }
    public int FullCapacityMah { get; init; }
    public uint Cycles { get; init; }
    public uint TotalCycledCapacityMah { get; init; }
    public uint RuntimeSeconds { get; init; }
    public bool ChargeMosfet { get; init; }
    public bool DischargeMosfet { get; init; }
    public bool PrechargeMosfet { get; init; }
    public bool Heating { get; init; }

    public double CellVoltage(int index) => CellVoltagesMv[index] / 1000.0;
    public double CellResistance(int index) => CellResistancesMilliohm[index] / 1000.0;
    public double Temperature(int index) => TemperaturesDeci[index] / 10.0;

    /// <summary>JK reports an unconnected sensor as -200 °C.</summary>
    public bool TemperaturePresent(int index) => TemperaturesDeci[index] > AbsentSensorDeci;

    public const short AbsentSensorDeci = -1000;

    public double PackVoltage => PackVoltageMv / 1000.0;
    public double Current => CurrentMa / 1000.0;
    /// <summary>Signed like the current: the frame stores the magnitude only.</summary>
    public double Power => (CurrentMa < 0 ? -1 : 1) * (PowerMw / 1000.0);
    public double MosTemperature => MosTemperatureDeci / 10.0;
    public double AverageCellVoltage => AverageCellMv / 1000.0;
    public double DeltaCellVoltage => DeltaCellMv / 1000.0;
    public double RemainingCapacity => RemainingCapacityMah / 1000.0;
    public double FullCapacity => FullCapacityMah / 1000.0;
    public double TotalCycledCapacity => TotalCycledCapacityMah / 1000.0;
    public double BalanceCurrent => BalanceCurrentMa / 1000.0;
    public bool Balancing => BalancerAction != 0;

    public double MinCellVoltage => Extreme(min: true) / 1000.0;
    public double MaxCellVoltage => Extreme(min: false) / 1000.0;

    private int Extreme(bool min)
    {
        if (CellCount == 0) return 0;
        int best = CellVoltagesMv[0];
        for (int i = 1; i < CellCount; i++)
            best = min ? Math.Min(best, CellVoltagesMv[i]) : Math.Max(best, CellVoltagesMv[i]);
        return best;
    }
}

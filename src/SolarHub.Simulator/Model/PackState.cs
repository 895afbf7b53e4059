using SolarHub.Protocol.Jk.Decoding;

namespace SolarHub.Simulator;

/// <summary>
/// Everything one pack reports, in wire units (mV, mA, mAh, 0.1 °C, s). <see cref="FrameComposer"/> writes frames
/// from it; <see cref="PackModel"/> makes it drift. Derived fields (pack voltage, power, average, delta, min/max,
/// enabled-cell mask) are computed from the cells and the current, so they always agree.
/// </summary>
public sealed class PackState
{
    public const int MaxCells = 32;
    public const int MaxTemperatures = 5;

    public PackState(byte address, int cellCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(cellCount, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(cellCount, MaxCells);
        Address = address;
        CellCount = cellCount;
    }

    public byte Address { get; }
    public int CellCount { get; }

    /// <summary>32 slots; only the first <see cref="CellCount"/> are sent (the rest stay 0 = absent).</summary>
    public short[] CellVoltagesMv { get; } = new short[MaxCells];

    /// <summary>Balance-wire resistance per cell, mΩ.</summary>
    public short[] CellResistancesMilliohm { get; } = new short[MaxCells];

    /// <summary>T1..T5 in 0.1 °C (JK02_24S sends T1 and T2 only).</summary>
    public short[] TemperaturesDeci { get; } = new short[MaxTemperatures];

    public short MosTemperatureDeci { get; set; }
    public int CurrentMa { get; set; }
    public byte Soc { get; set; }
    public byte Soh { get; set; } = 100;
    public int RemainingCapacityMah { get; set; }
    public int FullCapacityMah { get; set; } = 280_000;
    public uint Cycles { get; set; }
    public uint TotalCycledCapacityMah { get; set; }
    public uint RuntimeSeconds { get; set; }
    public JkAlarms Alarms { get; set; }
    public short BalanceCurrentMa { get; set; }

    /// <summary>0 off, 1 charging, 2 discharging.</summary>
    public byte BalancerAction { get; set; }

    public bool ChargeMosfet { get; set; } = true;
    public bool DischargeMosfet { get; set; } = true;
    public bool PrechargeMosfet { get; set; }
    public bool Heating { get; set; }

    // Device info (type 03). ASCII; longer strings are cut to the field size.
    public string Model { get; set; } = "JK_PB2A16S20P";
    public string HardwareVersion { get; set; } = "19A";
    public string SoftwareVersion { get; set; } = "19.20";
    public string SerialNumber { get; set; } = "";
    public string ManufacturingDate { get; set; } = "240315";
    public string DeviceName { get; set; } = "";
    public uint PowerOnCount { get; set; } = 1;

    /// <summary>Device info's uptime: the pack's runtime.</summary>
    public uint UptimeSeconds => RuntimeSeconds;

    public PackSettings Settings { get; set; } = new();

    public uint PackVoltageMv
    {
        get
        {
            uint sum = 0;
            for (int i = 0; i < CellCount; i++) sum += (uint)Math.Max((short)0, CellVoltagesMv[i]);
            return sum;
        }
    }

    /// <summary>|V·I| in mW; the frame stores the magnitude only.</summary>
    public uint PowerMw => (uint)Math.Min(uint.MaxValue, Math.Abs((long)PackVoltageMv * CurrentMa) / 1000);

    public ushort AverageCellMv => (ushort)(PackVoltageMv / (uint)CellCount);

    public ushort DeltaCellMv => (ushort)(CellVoltagesMv[MaxCellIndex] - CellVoltagesMv[MinCellIndex]);

    public byte MaxCellIndex => Extreme(max: true);

    public byte MinCellIndex => Extreme(max: false);

    /// <summary>One bit per present cell, as JK sends it.</summary>
    public uint EnabledCellMask => CellCount == 32 ? uint.MaxValue : (1u << CellCount) - 1;

    /// <summary>A deep copy, for snapshots taken while the bus keeps changing the original.</summary>
    public PackState Clone()
    {
        var copy = new PackState(Address, CellCount)
        {
            MosTemperatureDeci = MosTemperatureDeci, CurrentMa = CurrentMa, Soc = Soc, Soh = Soh,
            RemainingCapacityMah = RemainingCapacityMah, FullCapacityMah = FullCapacityMah, Cycles = Cycles,
            TotalCycledCapacityMah = TotalCycledCapacityMah, RuntimeSeconds = RuntimeSeconds, Alarms = Alarms,
            BalanceCurrentMa = BalanceCurrentMa, BalancerAction = BalancerAction, ChargeMosfet = ChargeMosfet,
            DischargeMosfet = DischargeMosfet, PrechargeMosfet = PrechargeMosfet, Heating = Heating, Model = Model,
            HardwareVersion = HardwareVersion, SoftwareVersion = SoftwareVersion, SerialNumber = SerialNumber,
            ManufacturingDate = ManufacturingDate, DeviceName = DeviceName, PowerOnCount = PowerOnCount, Settings = Settings,
        };
        CellVoltagesMv.CopyTo(copy.CellVoltagesMv, 0);
        CellResistancesMilliohm.CopyTo(copy.CellResistancesMilliohm, 0);
        TemperaturesDeci.CopyTo(copy.TemperaturesDeci, 0);
        return copy;
    }

    private byte Extreme(bool max)
    {
        int best = 0;
        for (int i = 1; i < CellCount; i++)
            if (max ? CellVoltagesMv[i] > CellVoltagesMv[best] : CellVoltagesMv[i] < CellVoltagesMv[best]) best = i;
        return (byte)best;
    }
}

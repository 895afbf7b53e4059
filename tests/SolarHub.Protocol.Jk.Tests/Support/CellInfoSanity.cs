using System.Buffers.Binary;
using SolarHub.Protocol.Jk.Decoding;

namespace SolarHub.Protocol.Jk.Tests.Support;

/// <summary>
/// Physical plausibility of a decoded type 02 frame. Decoding with the wrong layout gives numbers that look like
/// data but break these relations (pack voltage vs. the cells, coarse vs. precise voltage), which is how a wrong
/// layout is told apart from a right one without values stated by the source.
/// </summary>
public static class CellInfoSanity
{
    /// <summary>LiFePO4 cells in use sit within this range (mV).</summary>
    public const int LowestCellMv = 2500, HighestCellMv = 3700;

    /// <summary>JK reports an absent temperature sensor as -200.0 °C.</summary>
    public const short AbsentSensorDeci = -2000;

    public static List<string> Problems(in CellInfo info, ReadOnlySpan<byte> frame, int lowestCellMv = LowestCellMv, int highestCellMv = HighestCellMv)
    {
        var problems = new List<string>();
        void Require(bool condition, string what) { if (!condition) problems.Add(what); }

        Require(info.CellCount is >= 1 and <= CellArray.Capacity, $"cell count {info.CellCount}");
        long sum = 0;
        int min = int.MaxValue, max = int.MinValue;
        for (int i = 0; i < Math.Clamp(info.CellCount, 0, CellArray.Capacity); i++)
        {
            int mv = (ushort)info.CellVoltagesMv[i];
            Require(mv >= lowestCellMv && mv <= highestCellMv, $"cell {i} at {mv} mV");
            sum += mv;
            min = Math.Min(min, mv);
            max = Math.Max(max, mv);
        }
        if (info.CellCount is < 1 or > CellArray.Capacity) return problems;

        Require(Math.Abs(info.PackVoltageMv - sum) <= sum * 0.03, $"pack {info.PackVoltageMv} mV vs. cells summing to {sum} mV");
        Require(Math.Abs(info.AverageCellMv - sum / info.CellCount) <= 1, $"average {info.AverageCellMv} mV vs. {sum / info.CellCount} mV");
        Require(Math.Abs(info.DeltaCellMv - (max - min)) <= 1, $"delta {info.DeltaCellMv} mV vs. {max - min} mV");
        Require(info.MaxCellIndex < info.CellCount && (ushort)info.CellVoltagesMv[info.MaxCellIndex] == max, $"max cell index {info.MaxCellIndex}");
        Require(info.MinCellIndex < info.CellCount && (ushort)info.CellVoltagesMv[info.MinCellIndex] == min, $"min cell index {info.MinCellIndex}");
        Require(info.Soc <= 100, $"SOC {info.Soc}");
        Require(info.Soh <= 100, $"SOH {info.Soh}");
        Require(info.RemainingCapacityMah >= 0 && info.RemainingCapacityMah <= info.FullCapacityMah, $"remaining {info.RemainingCapacityMah} of {info.FullCapacityMah} mAh");
        Require(info.BalancerAction <= 2, $"balancer action {info.BalancerAction}");
        // |P| = |U·I| within 1 % (+1 W for rounding of small currents).
        double expectedPowerMw = info.PackVoltageMv * Math.Abs((double)info.CurrentMa) / 1000;
        Require(Math.Abs(info.PowerMw - expectedPowerMw) <= expectedPowerMw * 0.01 + 1000, $"power {info.PowerMw} mW vs. U·I {expectedPowerMw:F0} mW");
        Require(Plausible(info.MosTemperatureDeci), $"MOSFET temperature {info.MosTemperatureDeci}");
        for (int i = 0; i < info.TemperatureCount; i++)
            Require(Plausible(info.TemperaturesDeci[i]), $"T{i + 1} {info.TemperaturesDeci[i]}");

        if (info.Layout == JkLayout.JK02_32S)
        {
            // The JK02_32S frame repeats the pack voltage in 10 mV at offset 234.
            int coarse = BinaryPrimitives.ReadUInt16LittleEndian(frame[234..]) * 10;
            Require(Math.Abs(coarse - info.PackVoltageMv) < 10, $"coarse pack voltage {coarse} mV vs. {info.PackVoltageMv} mV");
        }
        return problems;
    }

    private static bool Plausible(short deci) => deci == AbsentSensorDeci || deci is >= -400 and <= 1000;
}

using System.Buffers.Binary;
using System.Text;
using SolarHub.Protocol.Jk;
using SolarHub.Protocol.Jk.Checksums;

namespace SolarHub.Simulator;

/// <summary>
/// Writes the 300-byte <c>55 AA EB 90</c> frames a pack sends (type 01 settings, 02 cell info, 03 device info)
/// from a <see cref="PackState"/>, checksum included. Writes into the caller's span: nothing is allocated per frame.
/// </summary>
public static class FrameComposer
{
    /// <summary>Writes a frame of <paramref name="type"/> and returns its length (300).</summary>
    /// <exception cref="NotSupportedException">Logbook frames, or a layout other than JK02_32S / JK02_24S.</exception>
    public static int Write(Span<byte> destination, JkFrameType type, PackState pack, JkLayout layout, byte counter) => type switch
    {
        JkFrameType.CellInfo => WriteCellInfo(destination, pack, layout, counter),
        JkFrameType.Settings => WriteSettings(destination, pack, counter),
        JkFrameType.DeviceInfo => WriteDeviceInfo(destination, pack, counter),
        _ => throw new NotSupportedException($"Frame type {type} is not simulated."),
    };

    /// <summary>Type 02: cells, current, SOC, temperatures… in <paramref name="layout"/>.</summary>
    public static int WriteCellInfo(Span<byte> destination, PackState pack, JkLayout layout, byte counter)
    {
        var map = CellInfoOffsets.For(layout);
        var f = Begin(destination, JkFrameType.CellInfo, counter);
        int cells = Math.Min(pack.CellCount, map.Cells);
        for (int i = 0; i < cells; i++)
        {
            U16(f, CellInfoOffsets.CellsOffset + 2 * i, (ushort)pack.CellVoltagesMv[i]);
            I16(f, map.Resistances + 2 * i, pack.CellResistancesMilliohm[i]);
        }
        U32(f, map.Mask, pack.EnabledCellMask);
        U16(f, map.Average, pack.AverageCellMv);
        U16(f, map.Delta, pack.DeltaCellMv);
        f[map.MaxIndex] = pack.MaxCellIndex;
        f[map.MinIndex] = pack.MinCellIndex;
        I16(f, map.MosTemperature, pack.MosTemperatureDeci);
        uint packMv = pack.PackVoltageMv;
        U32(f, map.PackVoltage, packMv);
        U32(f, map.Power, pack.PowerMw);
        I32(f, map.Current, pack.CurrentMa);
        for (int t = 0; t < map.Temperatures.Length; t++) I16(f, map.Temperatures[t], pack.TemperaturesDeci[t]);
        if (map.WideAlarms) U32(f, map.Alarms, (uint)pack.Alarms);
        else U16(f, map.Alarms, (ushort)(uint)pack.Alarms);
        I16(f, map.BalanceCurrent, pack.BalanceCurrentMa);
        f[map.BalancerAction] = pack.BalancerAction;
        f[map.Soc] = pack.Soc;
        I32(f, map.Remaining, pack.RemainingCapacityMah);
        I32(f, map.Full, pack.FullCapacityMah);
        U32(f, map.Cycles, pack.Cycles);
        U32(f, map.CycledCapacity, pack.TotalCycledCapacityMah);
        f[map.Soh] = pack.Soh;
        U32(f, map.Runtime, pack.RuntimeSeconds);
        f[map.ChargeMosfet] = pack.ChargeMosfet ? (byte)1 : (byte)0;
        f[map.DischargeMosfet] = pack.DischargeMosfet ? (byte)1 : (byte)0;
        f[map.PrechargeMosfet] = pack.PrechargeMosfet ? (byte)1 : (byte)0;
        if (map.Heating >= 0) f[map.Heating] = pack.Heating ? (byte)1 : (byte)0;
        if (map.CoarseVoltage >= 0) U16(f, map.CoarseVoltage, (ushort)Math.Min(ushort.MaxValue, packMv / 10));
        return End(f);
    }

    /// <summary>Type 01: the pack's <see cref="PackSettings"/>, its cell count and its address (same offsets in both JK02 layouts).</summary>
    public static int WriteSettings(Span<byte> destination, PackState pack, byte counter)
    {
        var s = pack.Settings;
        var f = Begin(destination, JkFrameType.Settings, counter);
        I32(f, 6, s.SmartSleepVoltageMv);
        I32(f, 10, s.CellUndervoltageProtectionMv);
        I32(f, 14, s.CellUndervoltageRecoveryMv);
        I32(f, 18, s.CellOvervoltageProtectionMv);
        I32(f, 22, s.CellOvervoltageRecoveryMv);
        I32(f, 26, s.BalanceTriggerDeltaMv);
        I32(f, 30, s.Soc100VoltageMv);
        I32(f, 34, s.Soc0VoltageMv);
        I32(f, 38, s.RequestChargeVoltageMv);
        I32(f, 42, s.RequestFloatVoltageMv);
        I32(f, 46, s.PowerOffVoltageMv);
        I32(f, 50, s.MaxChargeCurrentMa);
        I32(f, 54, s.ChargeOvercurrentDelaySeconds);
        I32(f, 58, s.ChargeOvercurrentRecoverySeconds);
        I32(f, 62, s.MaxDischargeCurrentMa);
        I32(f, 66, s.DischargeOvercurrentDelaySeconds);
        I32(f, 70, s.DischargeOvercurrentRecoverySeconds);
        I32(f, 74, s.ShortCircuitRecoverySeconds);
        I32(f, 78, s.MaxBalanceCurrentMa);
        I32(f, 82, s.ChargeOvertemperatureDeci);
        I32(f, 86, s.ChargeOvertemperatureRecoveryDeci);
        I32(f, 90, s.DischargeOvertemperatureDeci);
        I32(f, 94, s.DischargeOvertemperatureRecoveryDeci);
        I32(f, 98, s.ChargeUndertemperatureDeci);
        I32(f, 102, s.ChargeUndertemperatureRecoveryDeci);
        I32(f, 106, s.MosfetOvertemperatureDeci);
        I32(f, 110, s.MosfetOvertemperatureRecoveryDeci);
        I32(f, 114, pack.CellCount);
        f[118] = s.ChargeEnabled ? (byte)1 : (byte)0;
        f[122] = s.DischargeEnabled ? (byte)1 : (byte)0;
        f[126] = s.BalancerEnabled ? (byte)1 : (byte)0;
        I32(f, 130, s.NominalCapacityMah);
        I32(f, 134, s.ShortCircuitDelayMicroseconds);
        I32(f, 138, s.BalanceStartVoltageMv);
        I32(f, 270, pack.Address);
        U16(f, 282, s.Flags);
        return End(f);
    }

    /// <summary>Type 03: model, versions, serial, dates, name, uptime and power-on count (same in every layout).</summary>
    public static int WriteDeviceInfo(Span<byte> destination, PackState pack, byte counter)
    {
        var f = Begin(destination, JkFrameType.DeviceInfo, counter);
        Ascii(f.Slice(6, 16), pack.Model);
        Ascii(f.Slice(22, 8), pack.HardwareVersion);
        Ascii(f.Slice(30, 8), pack.SoftwareVersion);
        U32(f, 38, pack.UptimeSeconds);
        U32(f, 42, pack.PowerOnCount);
        Ascii(f.Slice(46, 16), pack.SerialNumber);
        Ascii(f.Slice(78, 8), pack.ManufacturingDate);
        Ascii(f.Slice(102, 16), pack.DeviceName);
        return End(f);
    }

    private static Span<byte> Begin(Span<byte> destination, JkFrameType type, byte counter)
    {
        if (destination.Length < JkFrame.Length)
            throw new ArgumentException($"A frame needs {JkFrame.Length} bytes, got {destination.Length}.", nameof(destination));
        var f = destination[..JkFrame.Length];
        f.Clear();
        JkFrame.Header.CopyTo(f);
        f[JkFrame.TypeOffset] = (byte)type;
        f[JkFrame.CounterOffset] = counter;
        return f;
    }

    private static int End(Span<byte> frame)
    {
        JkChecksum.Append(frame);
        return JkFrame.Length;
    }

    // NUL-padded and cut to the field, as the BMS does; anything outside printable ASCII becomes '?'.
    private static void Ascii(Span<byte> field, string text)
    {
        var chars = text.AsSpan(0, Math.Min(text.Length, field.Length));
        int written = Encoding.ASCII.GetBytes(chars, field);
        field[written..].Clear();
    }

    private static void U16(Span<byte> f, int offset, ushort value) => BinaryPrimitives.WriteUInt16LittleEndian(f[offset..], value);
    private static void I16(Span<byte> f, int offset, short value) => BinaryPrimitives.WriteInt16LittleEndian(f[offset..], value);
    private static void U32(Span<byte> f, int offset, uint value) => BinaryPrimitives.WriteUInt32LittleEndian(f[offset..], value);
    private static void I32(Span<byte> f, int offset, int value) => BinaryPrimitives.WriteInt32LittleEndian(f[offset..], value);
}

using SolarHub.Protocol.Jk;
using SolarHub.Protocol.Jk.Checksums;
using SolarHub.Protocol.Jk.Decoding;

namespace SolarHub.Simulator.Tests;

public class FrameComposerTests
{
    private static PackModel Pack(JkLayout layout, int seed = 42, byte address = 2)
    {
        var model = new PackModel(address, seed, layout);
        for (int i = 0; i < 50; i++) model.Advance(TimeSpan.FromSeconds(7));
        return model;
    }

    [Theory]
    [InlineData(JkLayout.JK02_32S)]
    [InlineData(JkLayout.JK02_24S)]
    public void Cell_info_frame_decodes_to_the_pack_values(JkLayout layout)
    {
        var model = Pack(layout);
        model.Overrides = new PackOverrides { Alarms = JkAlarms.CellUndervoltage | JkAlarms.WireResistance };
        model.Advance(TimeSpan.FromSeconds(1));
        var s = model.State;
        var frame = new byte[JkFrame.Length];

        FrameComposer.WriteCellInfo(frame, s, layout, counter: 0x7E).Should().Be(JkFrame.Length);

        JkChecksum.IsValid(frame).Should().BeTrue();
        CellInfoDecoder.TryDecode(frame, layout, out var info).Should().Be(DecodeStatus.Ok);
        info.Counter.Should().Be(0x7E);
        info.CellCount.Should().Be(16);
        info.EnabledCellMask.Should().Be(0xFFFFu);
        for (int i = 0; i < 16; i++)
        {
            info.CellVoltagesMv[i].Should().Be(s.CellVoltagesMv[i]);
            info.CellResistancesMilliohm[i].Should().Be(s.CellResistancesMilliohm[i]);
        }
        info.CellVoltagesMv[16].Should().Be(0, "absent cells are 0");
        info.PackVoltageMv.Should().Be((uint)Enumerable.Range(0, 16).Sum(i => s.CellVoltagesMv[i]));
        info.AverageCellMv.Should().Be((ushort)(info.PackVoltageMv / 16));
        info.DeltaCellMv.Should().Be((ushort)((info.MaxCellVoltage - info.MinCellVoltage) * 1000 + 0.5));
        info.CellVoltagesMv[info.MaxCellIndex].Should().Be((short)(info.MaxCellVoltage * 1000 + 0.5));
        info.CellVoltagesMv[info.MinCellIndex].Should().Be((short)(info.MinCellVoltage * 1000 + 0.5));
        info.CurrentMa.Should().Be(s.CurrentMa);
        info.PowerMw.Should().Be((uint)(Math.Abs((long)info.PackVoltageMv * s.CurrentMa) / 1000));
        info.Soc.Should().Be(s.Soc);
        info.Soh.Should().Be(s.Soh);
        info.RemainingCapacityMah.Should().Be(s.RemainingCapacityMah);
        info.FullCapacityMah.Should().Be(280_000);
        info.Cycles.Should().Be(s.Cycles);
        info.TotalCycledCapacityMah.Should().Be(s.TotalCycledCapacityMah);
        info.RuntimeSeconds.Should().Be(s.RuntimeSeconds);
        info.MosTemperatureDeci.Should().Be(s.MosTemperatureDeci);
        for (int t = 0; t < info.TemperatureCount; t++) info.TemperaturesDeci[t].Should().Be(s.TemperaturesDeci[t]);
        info.TemperatureCount.Should().Be(layout == JkLayout.JK02_32S ? 5 : 2);
        info.Alarms.Should().Be(JkAlarms.CellUndervoltage | JkAlarms.WireResistance);
        info.BalancerAction.Should().Be(s.BalancerAction);
        info.BalanceCurrentMa.Should().Be(s.BalanceCurrentMa);
        info.ChargeMosfet.Should().BeTrue();
        info.DischargeMosfet.Should().BeTrue();
        info.PrechargeMosfet.Should().BeFalse();
        if (layout == JkLayout.JK02_32S)
            BitConverter.ToUInt16(frame, 234).Should().Be((ushort)(info.PackVoltageMv / 10), "offset 234 holds a coarse 10 mV copy");
    }

    [Fact]
    public void Values_are_realistic_for_a_16s_lfp_pack()
    {
        var frame = new byte[JkFrame.Length];
        FrameComposer.WriteCellInfo(frame, Pack(JkLayout.JK02_32S).State, JkLayout.JK02_32S, 0);
        CellInfoDecoder.TryDecode(frame, JkLayout.JK02_32S, out var info).Should().Be(DecodeStatus.Ok);

        info.MinCellVoltage.Should().BeGreaterThan(3.0);
        info.MaxCellVoltage.Should().BeLessThan(3.5);
        info.DeltaCellMv.Should().BeLessThan(40);
        info.PackVoltage.Should().BeInRange(48, 56);
        info.Temperature(0).Should().BeInRange(20, 35);
        info.Soc.Should().BeInRange((byte)1, (byte)100);
        info.RemainingCapacity.Should().BeApproximately(info.FullCapacity * info.Soc / 100, 1.5);
    }

    [Theory]
    [InlineData(JkLayout.JK02_32S)]
    [InlineData(JkLayout.JK02_24S)]
    public void Settings_frame_round_trips(JkLayout layout)
    {
        var s = Pack(layout, address: 5).State;
        var frame = new byte[JkFrame.Length];

        FrameComposer.WriteSettings(frame, s, counter: 3);

        SettingsDecoder.TryDecode(frame, layout, out var settings).Should().Be(DecodeStatus.Ok);
        var expected = s.Settings;
        settings.Counter.Should().Be(3);
        settings.CellCount.Should().Be(16);
        settings.DeviceAddress.Should().Be(5);
        settings.NominalCapacityMah.Should().Be(280_000);
        settings.CellUndervoltageProtectionMv.Should().Be(expected.CellUndervoltageProtectionMv);
        settings.CellOvervoltageProtectionMv.Should().Be(expected.CellOvervoltageProtectionMv);
        settings.BalanceTriggerDeltaMv.Should().Be(expected.BalanceTriggerDeltaMv);
        settings.MaxChargeCurrentMa.Should().Be(expected.MaxChargeCurrentMa);
        settings.MaxDischargeCurrentMa.Should().Be(expected.MaxDischargeCurrentMa);
        settings.MosfetOvertemperatureRecoveryDeci.Should().Be(expected.MosfetOvertemperatureRecoveryDeci);
        settings.BalanceStartVoltageMv.Should().Be(expected.BalanceStartVoltageMv);
        settings.ShortCircuitDelayMicroseconds.Should().Be(expected.ShortCircuitDelayMicroseconds);
        settings.ChargeEnabled.Should().BeTrue();
        settings.DischargeEnabled.Should().BeTrue();
        settings.BalancerEnabled.Should().BeTrue();
    }

    [Theory]
    [InlineData(JkLayout.JK02_32S, "JK_PB2A16S20P", "19A", "19.20")]
    [InlineData(JkLayout.JK02_24S, "JK_B2A24S15P", "10.XW", "10.07")]
    public void Device_info_fields_round_trip_and_name_the_layout(JkLayout layout, string model, string hardware, string software)
    {
        var s = Pack(layout, address: 3).State;
        var frame = new byte[JkFrame.Length];

        FrameComposer.WriteDeviceInfo(frame, s, counter: 9);

        DeviceInfoDecoder.TryDecode(frame, out var info).Should().Be(DecodeStatus.Ok);
        info.Counter.Should().Be(9);
        info.Model.Should().Be(model);
        info.HardwareVersion.Should().Be(hardware);
        info.SoftwareVersion.Should().Be(software);
        info.SerialNumber.Should().Be(s.SerialNumber).And.MatchRegex("^[0-9]{10}$");
        info.ManufacturingDate.Should().Be("240315");
        info.DeviceName.Should().Be("Pack 3");
        info.UptimeSeconds.Should().Be(s.RuntimeSeconds);
        info.PowerOnCount.Should().Be(s.PowerOnCount);
        LayoutDetector.FromDeviceInfo(info).Should().Be(layout);
    }

    [Fact]
    public void Serial_numbers_differ_per_pack_and_long_text_is_cut_to_the_field()
    {
        var a = new PackModel(1, seed: 7).State;
        var b = new PackModel(2, seed: 7).State;
        a.SerialNumber.Should().NotBe(b.SerialNumber);

        a.DeviceName = "A name much longer than sixteen bytes";
        var frame = new byte[JkFrame.Length];
        FrameComposer.WriteDeviceInfo(frame, a, 0);
        DeviceInfoDecoder.TryDecode(frame, out var info).Should().Be(DecodeStatus.Ok);
        info.DeviceName.Should().Be("A name much long");
        info.Model.Should().Be("JK_PB2A16S20P");
    }

    [Fact]
    public void Composing_allocates_nothing()
    {
        var s = Pack(JkLayout.JK02_32S).State;
        var frame = new byte[JkFrame.Length];
        FrameComposer.Write(frame, JkFrameType.DeviceInfo, s, JkLayout.JK02_32S, 0); // warm up (JIT, static tables)
        FrameComposer.Write(frame, JkFrameType.Settings, s, JkLayout.JK02_32S, 0);
        FrameComposer.Write(frame, JkFrameType.CellInfo, s, JkLayout.JK02_24S, 0);
        FrameComposer.Write(frame, JkFrameType.CellInfo, s, JkLayout.JK02_32S, 0);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++)
        {
            FrameComposer.Write(frame, JkFrameType.CellInfo, s, JkLayout.JK02_32S, (byte)i);
            FrameComposer.Write(frame, JkFrameType.CellInfo, s, JkLayout.JK02_24S, (byte)i);
            FrameComposer.Write(frame, JkFrameType.Settings, s, JkLayout.JK02_32S, (byte)i);
            FrameComposer.Write(frame, JkFrameType.DeviceInfo, s, JkLayout.JK02_32S, (byte)i);
        }
        (GC.GetAllocatedBytesForCurrentThread() - before).Should().Be(0);
    }

    [Fact]
    public void Rejects_short_spans_and_unsupported_layouts()
    {
        var s = new PackModel(1, 1).State;
        var write = () => FrameComposer.WriteCellInfo(new byte[299], s, JkLayout.JK02_32S, 0);
        write.Should().Throw<ArgumentException>();
        var jk04 = () => FrameComposer.WriteCellInfo(new byte[300], s, JkLayout.JK04, 0);
        jk04.Should().Throw<NotSupportedException>();
        var logbook = () => FrameComposer.Write(new byte[300], JkFrameType.Logbook, s, JkLayout.JK02_32S, 0);
        logbook.Should().Throw<NotSupportedException>();
    }
}

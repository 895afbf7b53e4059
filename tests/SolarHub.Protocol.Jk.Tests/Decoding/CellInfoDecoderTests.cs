using System.Buffers.Binary;
using SolarHub.Protocol.Jk.Checksums;
using SolarHub.Protocol.Jk.Decoding;
using SolarHub.Protocol.Jk.Tests.Support;

namespace SolarHub.Protocol.Jk.Tests.Decoding;

public class CellInfoDecoderTests
{
    // A bench rig: two cells held at ~1.47 V, with its own settings frame allowing 1.3–4.2 V per cell.
    private const string BenchRigCapture = "esp32-ble-v11-example-faker-heating-on-off.yaml";

    // A BMS powered without cells (its settings say 4 cells): every cell reads 0 and it raises "cell count ≠ settings".
    private const string NoCellsCapture = "esp32-ble-v19-example-faker2.yaml";

    public static TheoryData<RealFrame> MeasuringCellFrames => RealFrames.Where(f =>
        f.Type == JkFrameType.CellInfo && f.Layout == JkLayout.JK02_32S && !f.SourceFile.EndsWith(NoCellsCapture));

    public static TheoryData<RealFrame> NoCellsFrames => RealFrames.Where(f =>
        f.Type == JkFrameType.CellInfo && f.SourceFile.EndsWith(NoCellsCapture));

    [Theory]
    [MemberData(nameof(MeasuringCellFrames))]
    public void Real_cell_frames_decode_to_physically_sane_values(RealFrame frame)
    {
        CellInfoDecoder.TryDecode(frame.Bytes, JkLayout.JK02_32S, out var info).Should().Be(DecodeStatus.Ok);

        bool benchRig = frame.SourceFile.EndsWith(BenchRigCapture);
        var problems = CellInfoSanity.Problems(info, frame.Bytes,
            lowestCellMv: benchRig ? 1300 : CellInfoSanity.LowestCellMv,
            highestCellMv: benchRig ? 4200 : CellInfoSanity.HighestCellMv);

        problems.Should().BeEmpty();
        info.Layout.Should().Be(JkLayout.JK02_32S);
        info.Counter.Should().Be(frame.Bytes[5]);
    }

    [Theory]
    [MemberData(nameof(MeasuringCellFrames))]
    public void The_same_frames_read_as_JK02_24S_are_recognisably_wrong(RealFrame frame)
    {
        CellInfoDecoder.TryDecode(frame.Bytes, JkLayout.JK02_24S, out var info).Should().Be(DecodeStatus.Ok);

        CellInfoSanity.Problems(info, frame.Bytes, lowestCellMv: 1300, highestCellMv: 4200).Should().NotBeEmpty();
    }

    [Theory]
    [MemberData(nameof(MeasuringCellFrames))]
    public void Cell_count_and_full_capacity_agree_with_the_settings_frame_of_the_same_capture(RealFrame frame)
    {
        var settingsFrame = RealFrames.All.FirstOrDefault(f => f.SourceFile == frame.SourceFile && f.Type == JkFrameType.Settings);
        if (settingsFrame is null) return; // this capture has no settings frame to compare with

        CellInfoDecoder.TryDecode(frame.Bytes, JkLayout.JK02_32S, out var info).Should().Be(DecodeStatus.Ok);
        SettingsDecoder.TryDecode(settingsFrame.Bytes, JkLayout.JK02_32S, out var settings).Should().Be(DecodeStatus.Ok);

        info.CellCount.Should().Be(settings.CellCount);
        info.FullCapacityMah.Should().Be(settings.NominalCapacityMah);
        info.Alarms.Should().NotHaveFlag(JkAlarms.CellCountMismatch);
    }

    [Theory]
    [MemberData(nameof(NoCellsFrames))]
    public void A_pack_without_cells_reports_none_and_says_the_count_does_not_match_its_settings(RealFrame frame)
    {
        CellInfoDecoder.TryDecode(frame.Bytes, JkLayout.JK02_32S, out var info).Should().Be(DecodeStatus.Ok);
        SettingsDecoder.TryDecode(RealFrames.Single(NoCellsCapture, "settings_frame").Bytes, JkLayout.JK02_32S, out var settings)
            .Should().Be(DecodeStatus.Ok);

        info.CellCount.Should().Be(0);
        info.PackVoltageMv.Should().Be(0);
        info.Alarms.Should().Be(JkAlarms.CellCountMismatch);
        settings.CellCount.Should().Be(4);
        info.FullCapacityMah.Should().Be(settings.NominalCapacityMah).And.Be(280_000);
        info.TemperaturesDeci[0].Should().BeInRange(170, 173, "the board sits at room temperature (17.1–17.2 °C)");
        info.MinCellVoltage.Should().Be(0);
    }

    [Fact]
    public void Heating_and_discharge_show_in_the_bench_rig_frames()
    {
        var frames = RealFrames.All.Where(f => f.SourceFile.EndsWith(BenchRigCapture) && f.Type == JkFrameType.CellInfo).ToList();
        frames.Should().HaveCount(5);
        var decoded = frames.Select(f =>
        {
            CellInfoDecoder.TryDecode(f.Bytes, JkLayout.JK02_32S, out var info).Should().Be(DecodeStatus.Ok);
            return info;
        }).ToList();

        // The first four were captured with the heater on (drawing 197 mA from the pack), the last with it off.
        decoded.Select(i => i.Heating).Should().Equal(true, true, true, true, false);
        decoded[0].CurrentMa.Should().Be(-197);
        decoded[0].Power.Should().BeApproximately(-0.578, 0.0005, "power carries the sign of the current");
        decoded[4].CurrentMa.Should().Be(0);
    }

    [Fact]
    public void A_charging_pack_reports_positive_current_and_matching_power()
    {
        var frame = RealFrames.All.First(f => f.SourceFile.EndsWith("esp32-ble-v15-example-faker-charge-status.yaml"));
        CellInfoDecoder.TryDecode(frame.Bytes, JkLayout.JK02_32S, out var info).Should().Be(DecodeStatus.Ok);

        info.CurrentMa.Should().Be(31_881);
        info.PackVoltageMv.Should().Be(53_224);
        info.Power.Should().BeApproximately(1696.842, 0.0005);
        info.ChargeMosfet.Should().BeTrue();
        info.Cycles.Should().Be(9);
    }

    [Fact]
    public void A_JK04_frame_is_recognised_and_not_decoded()
    {
        var frame = RealFrames.Single("esp32-ble-jk04-example-faker.yaml", "cell_info_frame");

        CellInfoDecoder.TryDecode(frame.Bytes, JkLayout.JK04, out var info).Should().Be(DecodeStatus.Unsupported);
        info.Should().Be(default(CellInfo));
    }

    [Fact]
    public void A_JK04_frame_forced_through_the_JK02_layout_fails_the_sanity_checks()
    {
        // Why a layout must be known or detected: JK04 floats read as JK02 integers look like data and are not.
        var frame = RealFrames.Single("esp32-ble-jk04-example-faker.yaml", "cell_info_frame");

        CellInfoDecoder.TryDecode(frame.Bytes, JkLayout.JK02_32S, out var info).Should().Be(DecodeStatus.Ok);
        CellInfoSanity.Problems(info, frame.Bytes).Should().NotBeEmpty();
    }

    [Fact]
    public void A_logbook_frame_is_not_read_as_cell_info()
    {
        var frame = RealFrames.Single("esp32-ble-v19-example-faker.yaml", "logbook_frame");
        frame.Type.Should().Be(JkFrameType.Logbook);

        CellInfoDecoder.TryDecode(frame.Bytes, JkLayout.JK02_32S, out _).Should().Be(DecodeStatus.WrongType);
    }

    [Fact]
    public void A_longer_capture_decodes_like_its_first_300_bytes()
    {
        var frame = RealFrames.All.Single(f => f.Type == JkFrameType.CellInfo && f.Length == 304);

        CellInfoDecoder.TryDecode(frame.Bytes, JkLayout.JK02_32S, out var whole).Should().Be(DecodeStatus.Ok);
        CellInfoDecoder.TryDecode(frame.Frame, JkLayout.JK02_32S, out var first300).Should().Be(DecodeStatus.Ok);
        whole.Should().Be(first300);
    }

    [Fact]
    public void JK02_24S_fields_are_read_at_the_documented_offsets()
    {
        // No real JK02_24S cell frame is in the capture set, so this one is written field by field from the protocol notes.
        byte[] frame = new byte[JkFrame.Length];
        JkFrame.Header.CopyTo(frame);
        frame[4] = (byte)JkFrameType.CellInfo;
        frame[5] = 0x42;
        for (int i = 0; i < 24; i++) Write16(frame, 6 + 2 * i, (short)(3300 + i));
        Write32(frame, 54, 0x00FF_FFFF);
        Write32(frame, 118, 79_476);
        Write32(frame, 122, 397_380);
        Write32(frame, 126, -5_000);
        Write16(frame, 130, 215);
        Write16(frame, 132, -52);
        Write16(frame, 134, 301);
        Write16(frame, 136, (short)(JkAlarms.CellUndervoltage | JkAlarms.WireResistance));
        Write16(frame, 138, -120);
        frame[140] = 2;
        frame[141] = 64;
        Write32(frame, 142, 150_000);
        Write32(frame, 146, 280_000);
        Write32(frame, 150, 17);
        frame[158] = 97;
        Write32(frame, 162, 123_456);
        frame[166] = 1;
        frame[167] = 0;
        JkChecksum.Append(frame);

        CellInfoDecoder.TryDecode(frame, JkLayout.JK02_24S, out var info).Should().Be(DecodeStatus.Ok);

        info.CellCount.Should().Be(24);
        info.CellVoltagesMv[23].Should().Be(3323);
        info.PackVoltageMv.Should().Be(79_476u);
        info.PowerMw.Should().Be(397_380u);
        info.CurrentMa.Should().Be(-5_000);
        info.TemperatureCount.Should().Be(2);
        info.TemperaturesDeci[0].Should().Be(215);
        info.TemperaturesDeci[1].Should().Be(-52);
        info.MosTemperatureDeci.Should().Be(301);
        info.Alarms.Should().Be(JkAlarms.CellUndervoltage | JkAlarms.WireResistance);
        info.BalanceCurrentMa.Should().Be(-120);
        info.BalancerAction.Should().Be(2);
        info.Soc.Should().Be(64);
        info.RemainingCapacityMah.Should().Be(150_000);
        info.FullCapacityMah.Should().Be(280_000);
        info.Cycles.Should().Be(17u);
        info.Soh.Should().Be(97);
        info.RuntimeSeconds.Should().Be(123_456u);
        info.ChargeMosfet.Should().BeTrue();
        info.DischargeMosfet.Should().BeFalse();
        info.Heating.Should().BeFalse("JK02_24S has no heater byte");
    }

    private static void Write16(byte[] f, int offset, short value) => BinaryPrimitives.WriteInt16LittleEndian(f.AsSpan(offset), value);

    private static void Write32(byte[] f, int offset, int value) => BinaryPrimitives.WriteInt32LittleEndian(f.AsSpan(offset), value);
}

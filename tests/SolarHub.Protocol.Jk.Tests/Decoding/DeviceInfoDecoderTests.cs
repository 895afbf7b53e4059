using SolarHub.Protocol.Jk.Decoding;
using SolarHub.Protocol.Jk.Tests.Support;

namespace SolarHub.Protocol.Jk.Tests.Decoding;

public class DeviceInfoDecoderTests
{
    public static TheoryData<RealFrame> DeviceInfoFrames => RealFrames.Where(f => f.Type == JkFrameType.DeviceInfo);

    [Theory]
    [InlineData("device_info_frame_a", 0x00)]
    [InlineData("device_info_frame_b", 0xA5)]
    public void The_v19_device_info_frames_decode_to_the_model_and_versions_their_source_states(string name, byte counter)
    {
        // "Device Info (Frame 03 / counter 0x..) — JK_B2A8S30P HW:19H SW:19.07"
        var frame = RealFrames.Single("esp32-ble-v19-example-faker2.yaml", name);

        DeviceInfoDecoder.TryDecode(frame.Bytes, out var info).Should().Be(DecodeStatus.Ok);

        info.Counter.Should().Be(counter);
        info.Model.Should().Be("JK_B2A8S30P");
        info.HardwareVersion.Should().Be("19H");
        info.SoftwareVersion.Should().Be("19.07");
        LayoutDetector.FromDeviceInfo(info).Should().Be(JkLayout.JK02_32S);
    }

    [Fact]
    public void The_JK04_device_info_frame_decodes_to_the_versions_and_power_ons_its_source_states()
    {
        // "JK-B5A24S device info frame (hardware 8.X, software 8.0.3M, 10 power-ons)": type 03 has one layout everywhere.
        var frame = RealFrames.Single("esp32-ble-jk04-b5a24s-example-faker.yaml", "device_info_frame");

        DeviceInfoDecoder.TryDecode(frame.Bytes, out var info).Should().Be(DecodeStatus.Ok);

        info.Model.Should().Be("JK-B5A24S");
        info.HardwareVersion.Should().Be("8.X");
        info.SoftwareVersion.Should().Be("8.0.3M");
        info.PowerOnCount.Should().Be(10u);
        LayoutDetector.FromDeviceInfo(info).Should().BeNull("hardware 8 exists with JK02_24S and with JK04");
    }

    [Theory]
    [MemberData(nameof(DeviceInfoFrames))]
    public void Every_device_info_frame_names_a_JK_model_and_its_hardware_detects_the_capture_layout(RealFrame frame)
    {
        DeviceInfoDecoder.TryDecode(frame.Bytes, out var info).Should().Be(DecodeStatus.Ok);

        info.Model.Should().StartWith("JK");
        info.Model.Should().NotContain("?", "the model is printable ASCII");
        info.HardwareVersion.Should().MatchRegex(@"^\d+");
        info.SoftwareVersion.Should().MatchRegex(@"^\d+\.");
        var detected = LayoutDetector.FromDeviceInfo(info);
        if (frame.Layout == JkLayout.JK04) detected.Should().BeNull();
        else detected.Should().Be(frame.Layout);
    }

    [Fact]
    public void A_JK_PB_device_info_frame_carries_serial_date_and_name()
    {
        var frame = RealFrames.Single("esp32-ble-v14-example-faker.yaml", "device_info_frame2");
        DeviceInfoDecoder.TryDecode(frame.Bytes, out var info).Should().Be(DecodeStatus.Ok);

        info.Model.Should().Be("JK_PB2A16S15P");
        info.HardwareVersion.Should().Be("14.XA");
        info.SoftwareVersion.Should().Be("14.20");
        info.ManufacturingDate.Should().Be("231118");
        info.UptimeSeconds.Should().Be(124_500u);
        info.PowerOnCount.Should().Be(156u);
    }

    [Fact]
    public void Other_frame_types_are_refused()
    {
        DeviceInfoDecoder.TryDecode(RealFrames.Single("esp32-ble-v19-example-faker.yaml", "logbook_frame").Bytes, out var info)
            .Should().Be(DecodeStatus.WrongType);
        info.Should().Be(default(DeviceInfo));
        DeviceInfoDecoder.TryDecode(RealFrames.Single("esp32-ble-v19-example-faker.yaml", "settings_frame").Bytes, out _)
            .Should().Be(DecodeStatus.WrongType);
    }
}

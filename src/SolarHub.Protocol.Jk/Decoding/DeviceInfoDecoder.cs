using static SolarHub.Protocol.Jk.JkFrame;

namespace SolarHub.Protocol.Jk.Decoding;

public static class DeviceInfoDecoder
{
    /// <summary>Decodes a type 03 frame; its layout is the same on every firmware. Never throws.</summary>
    public static DecodeStatus TryDecode(ReadOnlySpan<byte> frame, out DeviceInfo info)
    {
        info = default;
        var status = FrameCheck.Verify(frame, JkFrameType.DeviceInfo);
        if (status != DecodeStatus.Ok) return status;
        info = new DeviceInfo
        {
            Counter = frame[CounterOffset],
            ModelField = AsciiField.From(frame.Slice(6, 16)),
            HardwareVersionField = AsciiField.From(frame.Slice(22, 8)),
            SoftwareVersionField = AsciiField.From(frame.Slice(30, 8)),
            UptimeSeconds = U32(frame, 38),
            PowerOnCount = U32(frame, 42),
            SerialNumberField = AsciiField.From(frame.Slice(46, 16)),
            ManufacturingDateField = AsciiField.From(frame.Slice(78, 8)),
            DeviceNameField = AsciiField.From(frame.Slice(102, 16)),
        };
        return DecodeStatus.Ok;
    }
}

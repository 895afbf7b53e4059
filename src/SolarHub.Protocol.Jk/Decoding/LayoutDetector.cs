namespace SolarHub.Protocol.Jk.Decoding;

/// <summary>
/// Picks the layout from a device-info frame's hardware version: 11 and later (JK-PB) use JK02_32S, 10 uses
/// JK02_24S. Older hardware is ambiguous (hardware 8 exists with JK02_24S and with JK04), so it yields null:
/// the caller keeps the configured layout and says the layout was not detected.
/// </summary>
public static class LayoutDetector
{
    public static JkLayout? FromDeviceInfo(in DeviceInfo info)
    {
        var field = info.HardwareVersionField;
        return FromHardwareVersion(field);
    }

    public static JkLayout? FromHardwareVersion(ReadOnlySpan<byte> hardwareVersion)
    {
        int major = 0, digits = 0;
        foreach (byte b in hardwareVersion)
        {
            if (b is < (byte)'0' or > (byte)'9' || digits == 3) break;
            major = major * 10 + (b - '0');
            digits++;
        }
        if (digits == 0) return null;
        return major switch
        {
            >= 11 => JkLayout.JK02_32S,
            10 => JkLayout.JK02_24S,
            _ => null,
        };
    }
}

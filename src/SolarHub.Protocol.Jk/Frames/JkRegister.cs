namespace SolarHub.Protocol.Jk;

/// <summary>Registers a JK master writes to ask a slave for a data frame.</summary>
public static class JkRegister
{
    public const ushort CellInfo = 0x1620;
    public const ushort Settings = 0x161E;
    public const ushort DeviceInfo = 0x161C;

    /// <summary>The frame type a slave answers a poll of <paramref name="register"/> with, or null for another register.</summary>
    public static JkFrameType? AnswerType(ushort register) => register switch
    {
        CellInfo => JkFrameType.CellInfo,
        Settings => JkFrameType.Settings,
        DeviceInfo => JkFrameType.DeviceInfo,
        _ => null,
    };

    public static ushort ForFrameType(JkFrameType type) => type switch
    {
        JkFrameType.Settings => Settings,
        JkFrameType.DeviceInfo => DeviceInfo,
        _ => CellInfo,
    };
}

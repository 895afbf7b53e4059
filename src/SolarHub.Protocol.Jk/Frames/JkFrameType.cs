namespace SolarHub.Protocol.Jk;

/// <summary>Byte 4 of a data frame.</summary>
public enum JkFrameType : byte
{
    Settings = 0x01,
    CellInfo = 0x02,
    DeviceInfo = 0x03,
    Logbook = 0x05,
}

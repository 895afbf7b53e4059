namespace SolarHub.Protocol.Jk;

/// <summary>Firmware-dependent field layout of data frames.</summary>
public enum JkLayout : byte
{
    /// <summary>JK-PB and other hardware ≥ 11: room for 32 cells. The layout of the RS485-2 bus.</summary>
    JK02_32S = 0,
    /// <summary>Older B2A24S (hardware 10): 24 cells, fields after the pack voltage 32 bytes earlier.</summary>
    JK02_24S = 1,
    /// <summary>Old firmware with IEEE-754 floats: recognised, never decoded.</summary>
    JK04 = 2,
}

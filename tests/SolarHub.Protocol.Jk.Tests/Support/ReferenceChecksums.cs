namespace SolarHub.Protocol.Jk.Tests.Support;

/// <summary>Slow, obviously-right versions of the codec's checksums, written from the definitions.</summary>
public static class ReferenceChecksums
{
    /// <summary>Modbus CRC16 bit by bit: init 0xFFFF, reflected polynomial 0xA001, no final xor.</summary>
    public static ushort ModbusCrc16(ReadOnlySpan<byte> data)
    {
        int crc = 0xFFFF;
        foreach (byte b in data)
        {
            crc ^= b;
            for (int bit = 0; bit < 8; bit++)
                crc = (crc & 1) == 1 ? (crc >> 1) ^ 0xA001 : crc >> 1;
        }
        return (ushort)crc;
    }

    /// <summary>The JK data-frame checksum: a plain sum, truncated to a byte.</summary>
    public static byte JkSum(ReadOnlySpan<byte> data)
    {
        int sum = 0;
        foreach (byte b in data) sum += b;
        return (byte)(sum % 256);
    }
}

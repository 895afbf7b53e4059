namespace SolarHub.Protocol.Jk.Checksums;

/// <summary>Modbus RTU CRC16 (init 0xFFFF, reflected polynomial 0xA001), table-driven.</summary>
public static class ModbusCrc16
{
    private static readonly ushort[] Table = BuildTable();

    public static ushort Compute(ReadOnlySpan<byte> data)
    {
        ushort crc = 0xFFFF;
        ReadOnlySpan<ushort> table = Table;
        foreach (byte b in data)
            crc = (ushort)((crc >> 8) ^ table[(crc ^ b) & 0xFF]);
        return crc;
    }

    /// <summary>True when the last two bytes of <paramref name="message"/> are the CRC (low byte first) of the rest.</summary>
    public static bool IsValid(ReadOnlySpan<byte> message)
    {
        if (message.Length < 3) return false;
        ushort crc = Compute(message[..^2]);
        return message[^2] == (byte)crc && message[^1] == (byte)(crc >> 8);
    }

    /// <summary>Writes the CRC of <c>message[..^2]</c> into its last two bytes.</summary>
    public static void Append(Span<byte> message)
    {
        ushort crc = Compute(message[..^2]);
        message[^2] = (byte)crc;
        message[^1] = (byte)(crc >> 8);
    }

    private static ushort[] BuildTable()
    {
        var table = new ushort[256];
        for (int i = 0; i < 256; i++)
        {
            ushort crc = (ushort)i;
            for (int bit = 0; bit < 8; bit++)
                crc = (crc & 1) != 0 ? (ushort)((crc >> 1) ^ 0xA001) : (ushort)(crc >> 1);
            table[i] = crc;
        }
        return table;
    }
}

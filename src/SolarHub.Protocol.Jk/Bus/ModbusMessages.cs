using SolarHub.Protocol.Jk.Checksums;

namespace SolarHub.Protocol.Jk.Bus;

/// <summary>
/// The two Modbus RTU messages of the JK bus: the master's poll (write one register, 11 bytes) and
/// the slave's acknowledgement (8 bytes) that follows its data frame.
/// </summary>
public static class ModbusMessages
{
    public const byte WriteMultipleRegisters = 0x10;
    public const byte RegisterHigh = 0x16;
    public const int PollLength = 11;
    public const int AcknowledgementLength = 8;

    /// <summary>Writes <c>AA 10 16 xx 00 01 02 00 00 CRC</c> into <paramref name="destination"/> and returns 11.</summary>
    public static int WritePoll(Span<byte> destination, byte address, ushort register)
    {
        var m = destination[..PollLength];
        m[0] = address; m[1] = WriteMultipleRegisters; m[2] = (byte)(register >> 8); m[3] = (byte)register;
        m[4] = 0x00; m[5] = 0x01; m[6] = 0x02; m[7] = 0x00; m[8] = 0x00;
        ModbusCrc16.Append(m);
        return PollLength;
    }

    /// <summary>Writes <c>AA 10 16 xx 00 01 CRC</c> into <paramref name="destination"/> and returns 8.</summary>
    public static int WriteAcknowledgement(Span<byte> destination, byte address, ushort register)
    {
        var m = destination[..AcknowledgementLength];
        m[0] = address; m[1] = WriteMultipleRegisters; m[2] = (byte)(register >> 8); m[3] = (byte)register;
        m[4] = 0x00; m[5] = 0x01;
        ModbusCrc16.Append(m);
        return AcknowledgementLength;
    }

    public static byte[] Poll(byte address, ushort register)
    {
        var bytes = new byte[PollLength];
        WritePoll(bytes, address, register);
        return bytes;
    }

    public static byte[] Acknowledgement(byte address, ushort register)
    {
        var bytes = new byte[AcknowledgementLength];
        WriteAcknowledgement(bytes, address, register);
        return bytes;
    }
}

using System.Buffers.Binary;
using SolarHub.Protocol.Jk.Bus;

namespace SolarHub.Protocol.Jk.Modbus;

/// <summary>
/// The 7-byte header Modbus TCP puts before a PDU instead of RTU's address and CRC: transaction id, protocol id (0),
/// length (unit id plus PDU) and unit id, all big-endian. A gateway in "Modbus TCP to RTU" mode turns the unit id into
/// the RTU address and answers with the request's transaction id, which is how an answer is matched to its request.
/// </summary>
public readonly record struct MbapHeader(ushort TransactionId, ushort ProtocolId, ushort Length, byte UnitId)
{
    public const int Size = 7;

    /// <summary>The JK poll as Modbus TCP: header and the RTU poll's PDU (no address, no CRC).</summary>
    public const int PollLength = Size + ModbusMessages.PollLength - 3;

    /// <summary>
    /// The most a length field may say. Modbus allows 254 (a 253-byte PDU); a JK answer is 308 bytes, and a gateway that
    /// forwards it whole says more. Beyond this the header is taken as noise, not as an answer to wait for.
    /// </summary>
    public const int MaxLength = 1024;

    /// <summary>Bytes of PDU (or forwarded answer) after the header.</summary>
    public int PayloadLength => Length - 1;

    /// <summary>Protocol 0 and a length with a unit id and at least one byte, within <see cref="MaxLength"/>.</summary>
    public bool IsPlausible => ProtocolId == 0 && Length is >= 2 and <= MaxLength;

    public static MbapHeader Read(ReadOnlySpan<byte> source) => new(
        BinaryPrimitives.ReadUInt16BigEndian(source),
        BinaryPrimitives.ReadUInt16BigEndian(source[2..]),
        BinaryPrimitives.ReadUInt16BigEndian(source[4..]),
        source[6]);

    public void Write(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt16BigEndian(destination, TransactionId);
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], ProtocolId);
        BinaryPrimitives.WriteUInt16BigEndian(destination[4..], Length);
        destination[6] = UnitId;
    }

    /// <summary>Writes the JK poll of <paramref name="register"/> to pack <paramref name="unit"/> as a Modbus TCP request; returns its length.</summary>
    public static int WritePoll(Span<byte> destination, ushort transactionId, byte unit, ushort register)
    {
        Span<byte> rtu = stackalloc byte[ModbusMessages.PollLength];
        ModbusMessages.WritePoll(rtu, unit, register);
        var pdu = rtu[1..^2];
        new MbapHeader(transactionId, 0, (ushort)(pdu.Length + 1), unit).Write(destination);
        pdu.CopyTo(destination[Size..]);
        return Size + pdu.Length;
    }
}

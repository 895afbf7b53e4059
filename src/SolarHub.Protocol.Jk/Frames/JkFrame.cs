using System.Buffers.Binary;

namespace SolarHub.Protocol.Jk;

/// <summary>Constants and field readers of a <c>55 AA EB 90</c> data frame.</summary>
public static class JkFrame
{
    /// <summary>Every data frame on the bus is 300 bytes; byte 299 is the checksum.</summary>
    public const int Length = 300;

    public const int TypeOffset = 4;
    public const int CounterOffset = 5;

    public static ReadOnlySpan<byte> Header => [0x55, 0xAA, 0xEB, 0x90];

    public static bool StartsWithHeader(ReadOnlySpan<byte> data) => data.Length >= 4 && data[..4].SequenceEqual(Header);

    internal static ushort U16(ReadOnlySpan<byte> f, int offset) => BinaryPrimitives.ReadUInt16LittleEndian(f[offset..]);
    internal static short I16(ReadOnlySpan<byte> f, int offset) => BinaryPrimitives.ReadInt16LittleEndian(f[offset..]);
    internal static uint U32(ReadOnlySpan<byte> f, int offset) => BinaryPrimitives.ReadUInt32LittleEndian(f[offset..]);
    internal static int I32(ReadOnlySpan<byte> f, int offset) => BinaryPrimitives.ReadInt32LittleEndian(f[offset..]);
}

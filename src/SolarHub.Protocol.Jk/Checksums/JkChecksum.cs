using System.Numerics;

namespace SolarHub.Protocol.Jk.Checksums;

/// <summary>The JK data-frame checksum: the last byte of a 300-byte frame is the sum of the 299 before it, modulo 256.</summary>
public static class JkChecksum
{
    /// <summary>Sum of all bytes modulo 256, vectorised.</summary>
    public static byte Compute(ReadOnlySpan<byte> data)
    {
        uint sum = 0;
        int i = 0;
        if (Vector.IsHardwareAccelerated && data.Length >= Vector<byte>.Count)
        {
            // Byte lanes wrap modulo 256, which is exactly the checksum's arithmetic.
            var acc = Vector<byte>.Zero;
            for (; i <= data.Length - Vector<byte>.Count; i += Vector<byte>.Count)
                acc += new Vector<byte>(data.Slice(i, Vector<byte>.Count));
            for (int k = 0; k < Vector<byte>.Count; k++) sum += acc[k];
        }
        for (; i < data.Length; i++) sum += data[i];
        return (byte)sum;
    }

    /// <summary>True when <paramref name="frame"/> holds at least a 300-byte frame whose byte 299 matches bytes 0..298.</summary>
    public static bool IsValid(ReadOnlySpan<byte> frame) =>
        frame.Length >= JkFrame.Length && Compute(frame[..(JkFrame.Length - 1)]) == frame[JkFrame.Length - 1];

    /// <summary>Writes the checksum of bytes 0..298 into byte 299.</summary>
    public static void Append(Span<byte> frame) => frame[JkFrame.Length - 1] = Compute(frame[..(JkFrame.Length - 1)]);
}

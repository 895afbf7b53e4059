using System.Runtime.CompilerServices;
using System.Text;

namespace SolarHub.Protocol.Jk.Decoding;

/// <summary>A NUL-padded ASCII field of up to 16 bytes, kept inline; turned into a string only when read.</summary>
/// <remarks>Equality is written out: the runtime refuses the built-in ValueType equality on inline arrays.</remarks>
[InlineArray(Capacity)]
public struct AsciiField : IEquatable<AsciiField>
{
    public const int Capacity = 16;
    private byte _element0;

    public static AsciiField From(ReadOnlySpan<byte> source)
    {
        var field = new AsciiField();
        source[..Math.Min(source.Length, Capacity)].CopyTo(field);
        return field;
    }

    public override readonly string ToString()
    {
        ReadOnlySpan<byte> bytes = this;
        int end = bytes.IndexOf((byte)0);
        if (end < 0) end = bytes.Length;
        // Non-printable bytes (corrupt or unused fields) become '?' rather than control characters in output.
        Span<char> chars = stackalloc char[end];
        for (int i = 0; i < end; i++) chars[i] = bytes[i] is >= 0x20 and < 0x7F ? (char)bytes[i] : '?';
        return new string(chars).Trim();
    }

    public readonly bool Equals(AsciiField other) => ((ReadOnlySpan<byte>)this).SequenceEqual(other);

    public override readonly bool Equals(object? obj) => obj is AsciiField other && Equals(other);

    public override readonly int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(this);
        return hash.ToHashCode();
    }
}

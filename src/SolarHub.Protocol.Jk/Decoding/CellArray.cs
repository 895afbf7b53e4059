using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SolarHub.Protocol.Jk.Decoding;

/// <summary>Fixed room for the 32 cells a JK frame can describe, kept inline so decoding allocates nothing.</summary>
/// <remarks>
/// Equality is written out: the runtime refuses the built-in ValueType equality on inline arrays, and the
/// records holding this one (<see cref="CellInfo"/>) promise value equality.
/// </remarks>
[InlineArray(CellArray.Capacity)]
public struct CellArray : IEquatable<CellArray>
{
    public const int Capacity = 32;
    private short _element0;

    public readonly bool Equals(CellArray other) => ((ReadOnlySpan<short>)this).SequenceEqual(other);

    public override readonly bool Equals(object? obj) => obj is CellArray other && Equals(other);

    public override readonly int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(MemoryMarshal.AsBytes((ReadOnlySpan<short>)this));
        return hash.ToHashCode();
    }
}

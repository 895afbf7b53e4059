using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SolarHub.Protocol.Jk.Decoding;

/// <summary>Up to five temperature sensors (T1..T5) in 0.1 °C, inline.</summary>
/// <remarks>Equality is written out: the runtime refuses the built-in ValueType equality on inline arrays.</remarks>
[InlineArray(TemperatureArray.Capacity)]
public struct TemperatureArray : IEquatable<TemperatureArray>
{
    public const int Capacity = 5;
    private short _element0;

    public readonly bool Equals(TemperatureArray other) => ((ReadOnlySpan<short>)this).SequenceEqual(other);

    public override readonly bool Equals(object? obj) => obj is TemperatureArray other && Equals(other);

    public override readonly int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(MemoryMarshal.AsBytes((ReadOnlySpan<short>)this));
        return hash.ToHashCode();
    }
}

using System.Runtime.CompilerServices;

namespace SolarHub.Protocol.Jk.Decoding;

/// <summary>Up to five temperature sensors (T1..T5) in 0.1 °C, inline.</summary>
[InlineArray(TemperatureArray.Capacity)]
public struct TemperatureArray
{
    public const int Capacity = 5;
    private short _element0;
}

using System.Runtime.CompilerServices;

namespace SolarHub.Protocol.Jk.Decoding;

/// <summary>Fixed room for the 32 cells a JK frame can describe, kept inline so decoding allocates nothing.</summary>
[InlineArray(CellArray.Capacity)]
public struct CellArray
{
    public const int Capacity = 32;
    private short _element0;
}

namespace SolarHub.Protocol.Jk.Modbus;

/// <summary>
/// One piece of a Modbus TCP stream. A ref struct: <see cref="Payload"/> points into the bytes given to
/// <see cref="MbapDeframer.Next"/>, never copied, which keeps deframing allocation-free.
/// </summary>
public readonly ref struct MbapSegment
{
    public MbapSegmentKind Kind { get; init; }

    /// <summary>Payload and End: the answer's transaction id.</summary>
    public ushort TransactionId { get; init; }

    /// <summary>Payload and End: the answer's unit id (the pack's address on the bus).</summary>
    public byte UnitId { get; init; }

    /// <summary>Payload: the bytes.</summary>
    public ReadOnlySpan<byte> Payload { get; init; }

    /// <summary>Skipped: how many bytes; End: the whole answer's length, header included.</summary>
    public int Bytes { get; init; }
}

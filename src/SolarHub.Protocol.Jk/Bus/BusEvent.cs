namespace SolarHub.Protocol.Jk.Bus;

/// <summary>
/// One thing seen on the bus. A ref struct: <see cref="Frame"/> points into the scanner's buffer and is
/// valid only until the next call on the scanner, which is what keeps scanning allocation-free.
/// </summary>
public readonly ref struct BusEvent
{
    public BusEventKind Kind { get; init; }

    /// <summary>Poll and acknowledgement: the slave address. Data frame: the pack it is attributed to, when <see cref="HasAddress"/>.</summary>
    public byte Address { get; init; }

    /// <summary>False for a data frame that no poll or acknowledgement around it attributes to a pack.</summary>
    public bool HasAddress { get; init; }

    /// <summary>Poll and acknowledgement: the register written (0x1620 cell info, 0x161E settings, 0x161C device info).</summary>
    public ushort Register { get; init; }

    /// <summary>Data frame: the 300 bytes, header to checksum.</summary>
    public ReadOnlySpan<byte> Frame { get; init; }

    public bool ChecksumValid { get; init; }

    /// <summary>Discarded: how many bytes were skipped.</summary>
    public int DiscardedBytes { get; init; }

    public JkFrameType FrameType => Frame.Length > JkFrame.TypeOffset ? (JkFrameType)Frame[JkFrame.TypeOffset] : 0;

    public byte Counter => Frame.Length > JkFrame.CounterOffset ? Frame[JkFrame.CounterOffset] : (byte)0;
}

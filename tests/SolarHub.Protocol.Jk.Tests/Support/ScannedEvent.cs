using SolarHub.Protocol.Jk.Bus;

namespace SolarHub.Protocol.Jk.Tests.Support;

/// <summary>
/// A copy of a <see cref="BusEvent"/> that outlives the scanner call (BusEvent is a ref struct pointing into the
/// scanner's buffer). Records compare by value, so expected and actual sequences compare directly.
/// </summary>
public sealed record ScannedEvent(
    BusEventKind Kind, byte Address = 0, bool HasAddress = false, ushort Register = 0,
    bool ChecksumValid = false, int DiscardedBytes = 0, string? FrameHex = null)
{
    public static ScannedEvent From(in BusEvent e) => e.Kind switch
    {
        BusEventKind.DataFrame => DataFrame(e.Frame, e.HasAddress ? e.Address : null, e.ChecksumValid),
        BusEventKind.Discarded => Discarded(e.DiscardedBytes),
        _ => new ScannedEvent(e.Kind, e.Address, e.HasAddress, e.Register),
    };

    public static ScannedEvent Poll(byte address, ushort register) => new(BusEventKind.Poll, address, true, register);

    public static ScannedEvent Acknowledgement(byte address, ushort register) =>
        new(BusEventKind.Acknowledgement, address, true, register);

    public static ScannedEvent DataFrame(ReadOnlySpan<byte> frame, byte? address, bool checksumValid = true) =>
        new(BusEventKind.DataFrame, address ?? 0, address.HasValue, 0, checksumValid, 0, Convert.ToHexString(frame));

    public static ScannedEvent Discarded(int count) => new(BusEventKind.Discarded, DiscardedBytes: count);

    /// <summary>Bytes of the stream this event accounts for.</summary>
    public int Size => Kind switch
    {
        BusEventKind.Poll => 11,
        BusEventKind.Acknowledgement => 8,
        BusEventKind.DataFrame => JkFrame.Length,
        _ => DiscardedBytes,
    };

    /// <summary>Short form for failure messages (a frame's 600 hex digits would drown the difference).</summary>
    public override string ToString() => Kind switch
    {
        BusEventKind.DataFrame =>
            $"DataFrame(type {FrameHex![8..10]}, counter {FrameHex[10..12]}, {(HasAddress ? $"address {Address}" : "unattributed")}, {(ChecksumValid ? "valid" : "BAD checksum")}, …{FrameHex[^8..]})",
        BusEventKind.Discarded => $"Discarded({DiscardedBytes})",
        _ => $"{Kind}(address {Address}, register 0x{Register:X4})",
    };
}

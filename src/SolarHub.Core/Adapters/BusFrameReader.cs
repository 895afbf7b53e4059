using SolarHub.Protocol.Jk;
using SolarHub.Protocol.Jk.Bus;
using SolarHub.Protocol.Jk.Decoding;

namespace SolarHub.Core.Adapters;

/// <summary>
/// Scans a connection's bytes and decodes every attributed frame with the layout of its pack
/// (the configured one until a device-info frame tells otherwise). One per connection.
/// </summary>
public sealed class BusFrameReader(JkLayout configuredLayout, int bufferSize = FrameScanner.DefaultCapacity)
{
    private const int Addresses = 16;
    private readonly FrameScanner _scanner = new(Math.Max(FrameScanner.MinimumCapacity, bufferSize));
    private readonly JkLayout[] _layouts = Enumerable.Repeat(configuredLayout, Addresses).ToArray();

    public long Bytes { get; private set; }
    public long ValidFrames { get; private set; }
    public long ChecksumErrors { get; private set; }

    private long _discarded;

    /// <summary>
    /// Bytes the scanner could not place in any message (noise, truncated messages, Modbus CRC failures), and those the
    /// framing refused before scanning (a Modbus TCP answer to another request).
    /// </summary>
    public long DiscardedBytes => _scanner.Statistics.DiscardedBytes + _discarded;

    /// <summary>Bit N set: pack N delivered valid cell data since the last <see cref="TakePacksSeen"/>.</summary>
    public ushort PacksSeenMask { get; private set; }

    /// <summary>Feeds bytes; <paramref name="expectedAddress"/> attributes frames nothing else attributes (the pack an active poller asked).</summary>
    public void Feed(ReadOnlySpan<byte> data, IPackFrameSink sink, int expectedAddress = -1) => Scan(data, sink, expectedAddress, addressKnown: false);

    /// <summary>
    /// Feeds part of one pack's answer, framed apart from the rest of the bus (Modbus TCP): its frames are that pack's,
    /// whatever its bytes say. <see cref="EndAnswer"/> closes it.
    /// </summary>
    public void FeedAnswer(ReadOnlySpan<byte> part, IPackFrameSink sink, byte address) => Scan(part, sink, address, addressKnown: true);

    /// <summary>The answer is complete: what waited for more bytes is decided now, and nothing of it is left for the next one.</summary>
    public void EndAnswer(IPackFrameSink sink, byte address)
    {
        _scanner.Complete();
        Drain(sink, address, addressKnown: true);
        _scanner.Reset();
    }

    /// <summary>Counts bytes the framing refused before they reached the scanner.</summary>
    public void Discard(int count) => _discarded += count;

    private void Scan(ReadOnlySpan<byte> data, IPackFrameSink sink, int expectedAddress, bool addressKnown)
    {
        Bytes += data.Length;
        while (!data.IsEmpty)
        {
            int taken = _scanner.Append(data);
            data = data[taken..];
            Drain(sink, expectedAddress, addressKnown);
        }
    }

    private void Drain(IPackFrameSink sink, int expectedAddress, bool addressKnown)
    {
        while (_scanner.TryRead(out var e))
        {
            if (e.Kind != BusEventKind.DataFrame) continue;
            if (!e.ChecksumValid) { ChecksumErrors++; continue; }
            ValidFrames++;
            int address = e.HasAddress && !addressKnown ? e.Address : expectedAddress;
            if (address is < 0 or >= Addresses) continue;
            Dispatch((byte)address, e.Frame, sink);
        }
    }

    public ushort TakePacksSeen()
    {
        var mask = PacksSeenMask;
        PacksSeenMask = 0;
        return mask;
    }

    private void Dispatch(byte address, ReadOnlySpan<byte> frame, IPackFrameSink sink)
    {
        switch ((JkFrameType)frame[JkFrame.TypeOffset])
        {
            case JkFrameType.CellInfo when CellInfoDecoder.TryDecode(frame, _layouts[address], out var cells) == DecodeStatus.Ok:
                PacksSeenMask |= (ushort)(1 << address);
                sink.OnCellInfo(address, cells);
                break;
            case JkFrameType.DeviceInfo when DeviceInfoDecoder.TryDecode(frame, out var info) == DecodeStatus.Ok:
                var detected = LayoutDetector.FromDeviceInfo(info);
                if (detected is { } layout) _layouts[address] = layout;
                sink.OnDeviceInfo(address, info, detected);
                break;
        }
    }
}

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

    /// <summary>Bytes the scanner could not place in any message (noise, truncated messages, Modbus CRC failures).</summary>
    public long DiscardedBytes => _scanner.Statistics.DiscardedBytes;

    /// <summary>Bit N set: pack N delivered valid cell data since the last <see cref="TakePacksSeen"/>.</summary>
    public ushort PacksSeenMask { get; private set; }

    /// <summary>Feeds bytes; <paramref name="expectedAddress"/> attributes frames nothing else attributes (the pack an active poller asked).</summary>
    public void Feed(ReadOnlySpan<byte> data, IPackFrameSink sink, int expectedAddress = -1)
    {
        Bytes += data.Length;
        while (!data.IsEmpty)
        {
            int taken = _scanner.Append(data);
            data = data[taken..];
            while (_scanner.TryRead(out var e))
            {
                if (e.Kind != BusEventKind.DataFrame) continue;
                if (!e.ChecksumValid) { ChecksumErrors++; continue; }
                ValidFrames++;
                int address = e.HasAddress ? e.Address : expectedAddress;
                if (address is < 0 or >= Addresses) continue;
                Dispatch((byte)address, e.Frame, sink);
            }
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

using SolarHub.Protocol.Jk;
using SolarHub.Protocol.Jk.Bus;
using SolarHub.Protocol.Jk.Decoding;

namespace SolarHub.Bench;

/// <summary>
/// What the codec does for one connection, over a bus stream held in memory and looped: feed the scanner chunk by
/// chunk as a socket would, and decode every valid frame by type (cell info with its pack's layout, settings, device
/// info, which also sets the layout). The scanner alone and the decoders alone can be run too, to see where time or
/// allocations go. Single-threaded; one pass is one trip through the stream.
/// </summary>
public sealed class CodecWorkload
{
    private readonly byte[] _stream;
    private readonly int _chunk;
    private readonly FrameScanner _scanner = new();
    private readonly JkLayout[] _layouts = new JkLayout[256];
    private readonly byte[] _frames;
    private readonly byte[] _frameAddresses;

    public CodecWorkload(byte[] stream, int chunk, JkLayout layout)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(chunk, 1);
        _stream = stream;
        _chunk = chunk;
        Array.Fill(_layouts, layout);
        (_frames, _frameAddresses) = ExtractFrames(stream);
    }

    /// <summary>Valid data frames in one pass over the stream.</summary>
    public int FramesPerPass => _frameAddresses.Length;

    public int BytesPerPass => _stream.Length;

    public long CellInfoFrames { get; private set; }
    public long SettingsFrames { get; private set; }
    public long DeviceInfoFrames { get; private set; }
    public long OtherFrames { get; private set; }

    /// <summary>Folds in a field of everything decoded, so no decode can be optimised away.</summary>
    public long Sink { get; private set; }

    /// <summary>Scans one pass and decodes every valid frame; returns the valid frames seen.</summary>
    public long ScanAndDecodePass() => Scan(decode: true);

    /// <summary>Scans one pass without decoding; returns the valid frames seen.</summary>
    public long ScanOnlyPass() => Scan(decode: false);

    /// <summary>Decodes the pass's valid frames, already cut out of the stream; returns how many.</summary>
    public long DecodeOnlyPass()
    {
        var frames = _frames.AsSpan();
        for (int i = 0; i < _frameAddresses.Length; i++)
            Decode(_frameAddresses[i], frames.Slice(i * JkFrame.Length, JkFrame.Length));
        return _frameAddresses.Length;
    }

    private long Scan(bool decode)
    {
        var scanner = _scanner;
        long frames = 0;
        var rest = _stream.AsSpan();
        while (!rest.IsEmpty)
        {
            var chunk = rest[..Math.Min(_chunk, rest.Length)];
            rest = rest[chunk.Length..];
            while (!chunk.IsEmpty)
            {
                int taken = scanner.Append(chunk);
                chunk = chunk[taken..];
                bool any = false;
                while (scanner.TryRead(out var e))
                {
                    any = true;
                    if (e.Kind != BusEventKind.DataFrame || !e.ChecksumValid) continue;
                    frames++;
                    if (decode) Decode(e.HasAddress ? e.Address : (byte)0, e.Frame);
                }
                if (taken == 0 && !any) throw new BenchException("the frame scanner stopped taking bytes (buffer full, no event)");
            }
        }
        return frames;
    }

    private void Decode(byte address, ReadOnlySpan<byte> frame)
    {
        switch ((JkFrameType)frame[JkFrame.TypeOffset])
        {
            case JkFrameType.CellInfo:
                if (CellInfoDecoder.TryDecode(frame, _layouts[address], out var cells) == DecodeStatus.Ok)
                    Sink += cells.PackVoltageMv + cells.CellVoltagesMv[0] + cells.TemperaturesDeci[0];
                CellInfoFrames++;
                break;
            case JkFrameType.Settings:
                if (SettingsDecoder.TryDecode(frame, _layouts[address], out var settings) == DecodeStatus.Ok)
                    Sink += settings.CellOvervoltageProtectionMv;
                SettingsFrames++;
                break;
            case JkFrameType.DeviceInfo:
                if (DeviceInfoDecoder.TryDecode(frame, out var info) == DecodeStatus.Ok)
                {
                    if (LayoutDetector.FromDeviceInfo(info) is { } layout) _layouts[address] = layout;
                    Sink += info.PowerOnCount;
                }
                DeviceInfoFrames++;
                break;
            default:
                OtherFrames++;
                break;
        }
    }

    private static (byte[] Frames, byte[] Addresses) ExtractFrames(byte[] stream)
    {
        var scanner = new FrameScanner();
        var frames = new List<byte>();
        var addresses = new List<byte>();
        var rest = stream.AsSpan();
        bool completed = false;
        while (true)
        {
            int taken = scanner.Append(rest);
            rest = rest[taken..];
            if (rest.IsEmpty && !completed) { scanner.Complete(); completed = true; }
            bool any = false;
            while (scanner.TryRead(out var e))
            {
                any = true;
                if (e.Kind != BusEventKind.DataFrame || !e.ChecksumValid) continue;
                frames.AddRange(e.Frame);
                addresses.Add(e.HasAddress ? e.Address : (byte)0);
            }
            if (rest.IsEmpty && !any) break;
            if (taken == 0 && !any) throw new BenchException("the frame scanner stopped taking bytes (buffer full, no event)");
        }
        return (frames.ToArray(), addresses.ToArray());
    }
}

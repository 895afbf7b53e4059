using SolarHub.Protocol.Jk;
using SolarHub.Protocol.Jk.Bus;
using SolarHub.Protocol.Jk.Decoding;

namespace SolarHub.Cli.Capture;

/// <summary>
/// Decodes a whole capture. A first pass reads device-info frames to detect each pack's layout (a capture may
/// hold the device info after the cell data); the second pass decodes every frame with the detected layout,
/// falling back to the one given when nothing was detected.
/// </summary>
public static class CaptureDecoder
{
    public sealed record Result(IReadOnlyList<DecodedFrame> Frames, ScannerStatistics Statistics);

    public static Result Decode(ReadOnlySpan<byte> capture, JkLayout fallbackLayout)
    {
        var detected = DetectLayouts(capture);
        var frames = new List<DecodedFrame>();
        var statistics = Scan(capture, (in BusEvent e, long offset) =>
        {
            if (e.Kind != BusEventKind.DataFrame) return;
            byte? address = e.HasAddress ? e.Address : null;
            bool isDetected = TryDetected(detected, address, out var layout);
            if (!isDetected) layout = fallbackLayout;
            frames.Add(DecodeFrame(frames.Count + 1, offset, address, e, layout, isDetected));
        });
        return new Result(frames, statistics);
    }

    private static DecodedFrame DecodeFrame(int index, long offset, byte? address, in BusEvent e, JkLayout layout, bool detected)
    {
        var frame = new DecodedFrame(index, offset, address, e.FrameType, e.Counter, e.ChecksumValid, layout, detected, DecodeStatus.ChecksumMismatch);
        if (!e.ChecksumValid) return frame;
        switch (e.FrameType)
        {
            case JkFrameType.CellInfo:
                var cellStatus = CellInfoDecoder.TryDecode(e.Frame, layout, out var cells);
                return frame with { Status = cellStatus, CellInfo = cellStatus == DecodeStatus.Ok ? cells : null };
            case JkFrameType.Settings:
                var settingsStatus = SettingsDecoder.TryDecode(e.Frame, layout, out var settings);
                return frame with { Status = settingsStatus, Settings = settingsStatus == DecodeStatus.Ok ? settings : null };
            case JkFrameType.DeviceInfo:
                var deviceStatus = DeviceInfoDecoder.TryDecode(e.Frame, out var device);
                return frame with { Status = deviceStatus, DeviceInfo = deviceStatus == DecodeStatus.Ok ? device : null };
            default:
                return frame with { Status = DecodeStatus.Unsupported };
        }
    }

    /// <summary>Layouts detected per pack address; key -1 collects the detection when all packs agree.</summary>
    private static Dictionary<int, JkLayout> DetectLayouts(ReadOnlySpan<byte> capture)
    {
        var byAddress = new Dictionary<int, JkLayout>();
        Scan(capture, (in BusEvent e, long _) =>
        {
            if (e.Kind != BusEventKind.DataFrame || !e.ChecksumValid || e.FrameType != JkFrameType.DeviceInfo) return;
            if (DeviceInfoDecoder.TryDecode(e.Frame, out var info) != DecodeStatus.Ok) return;
            if (LayoutDetector.FromDeviceInfo(info) is { } layout)
                byAddress[e.HasAddress ? e.Address : -2] = layout;
        });
        var distinct = byAddress.Values.Distinct().ToList();
        if (distinct.Count == 1) byAddress[-1] = distinct[0];
        return byAddress;
    }

    private static bool TryDetected(Dictionary<int, JkLayout> detected, byte? address, out JkLayout layout) =>
        (address is { } a && detected.TryGetValue(a, out layout)) || detected.TryGetValue(-1, out layout);

    private delegate void EventHandler(in BusEvent e, long offset);

    private static ScannerStatistics Scan(ReadOnlySpan<byte> capture, EventHandler handle)
    {
        var scanner = new FrameScanner();
        long consumed = 0;
        while (true)
        {
            int taken = scanner.Append(capture);
            capture = capture[taken..];
            if (capture.IsEmpty) scanner.Complete();
            while (scanner.TryRead(out var e))
            {
                long offset = consumed;
                consumed += e.Kind switch
                {
                    BusEventKind.DataFrame => JkFrame.Length,
                    BusEventKind.Poll => ModbusMessages.PollLength,
                    BusEventKind.Acknowledgement => ModbusMessages.AcknowledgementLength,
                    _ => e.DiscardedBytes,
                };
                handle(e, offset);
            }
            if (capture.IsEmpty) return scanner.Statistics;
        }
    }
}

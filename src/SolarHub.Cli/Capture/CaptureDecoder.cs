using SolarHub.Protocol.Jk;
using SolarHub.Protocol.Jk.Bus;
using SolarHub.Protocol.Jk.Decoding;

namespace SolarHub.Cli.Capture;

/// <summary>
/// Decodes a capture of any size as it is read. A first pass reads device-info frames to detect each pack's layout
/// (a capture may hold the device info after the cell data); the second pass hands over every frame, decoded with the
/// detected layout (falling back to the one given when nothing was detected), as soon as it is found.
/// </summary>
public static class CaptureDecoder
{
    private const int PieceLength = 64 * 1024;

    /// <summary>Runs both passes over <paramref name="rewind"/>'s streams and returns the scanner's totals.</summary>
    public static ScannerStatistics Decode(Func<Stream> rewind, JkLayout fallbackLayout, Action<DecodedFrame> onFrame)
    {
        var detected = DetectLayouts(rewind());
        int index = 0;
        return Scan(rewind(), (in BusEvent e, long offset) =>
        {
            if (e.Kind != BusEventKind.DataFrame) return;
            byte? address = e.HasAddress ? e.Address : null;
            bool isDetected = TryDetected(detected, address, out var layout);
            if (!isDetected) layout = fallbackLayout;
            onFrame(DecodeFrame(++index, offset, address, e, layout, isDetected));
        });
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
    private static Dictionary<int, JkLayout> DetectLayouts(Stream capture)
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

    private static ScannerStatistics Scan(Stream capture, EventHandler handle)
    {
        var scanner = new FrameScanner();
        var piece = new byte[PieceLength];
        long consumed = 0;
        while (true)
        {
            int read = capture.ReadAtLeast(piece, piece.Length, throwOnEndOfStream: false);
            // A short piece is the last one: the end is declared right after its last byte, as when all bytes were at hand.
            bool last = read < piece.Length;
            var rest = piece.AsSpan(0, read);
            do
            {
                int taken = scanner.Append(rest);
                rest = rest[taken..];
                if (rest.IsEmpty && last) scanner.Complete();
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
            }
            while (!rest.IsEmpty);
            if (last) return scanner.Statistics;
        }
    }
}

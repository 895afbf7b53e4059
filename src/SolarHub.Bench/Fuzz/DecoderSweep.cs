using SolarHub.Protocol.Jk;
using SolarHub.Protocol.Jk.Checksums;
using SolarHub.Protocol.Jk.Decoding;

namespace SolarHub.Bench.Fuzz;

/// <summary>
/// Runs every decoder, with every layout, on a frame the scanner yielded, and on copies of it made to pass the checks
/// (checksum fixed, type set to 01, 02, 03) so that damaged content reaches the field readers too; and on a few
/// shorter slices. Allocation-free: one scratch frame, reused.
/// </summary>
public sealed class DecoderSweep
{
    private static readonly JkLayout[] Layouts = [JkLayout.JK02_32S, JkLayout.JK02_24S, JkLayout.JK04, (JkLayout)0xFF];
    private readonly byte[] _scratch = new byte[JkFrame.Length];

    /// <summary>Folds in a value of everything decoded, so no decode can be optimised away.</summary>
    public long Sink { get; private set; }

    public long Decodes { get; private set; }

    public void Run(ReadOnlySpan<byte> frame, int shorterBy)
    {
        DecodeAll(frame);
        DecodeAll(frame[..Math.Max(0, frame.Length - shorterBy)]);
        if (frame.Length < JkFrame.Length) return;
        var copy = _scratch.AsSpan();
        frame[..JkFrame.Length].CopyTo(copy);
        for (byte type = 1; type <= 3; type++)
        {
            copy[JkFrame.TypeOffset] = type;
            JkChecksum.Append(copy);
            DecodeAll(copy);
        }
    }

    private void DecodeAll(ReadOnlySpan<byte> frame)
    {
        foreach (var layout in Layouts)
        {
            if (CellInfoDecoder.TryDecode(frame, layout, out var cells) == DecodeStatus.Ok)
                Sink += cells.PackVoltageMv + cells.CellCount + cells.CellVoltagesMv[31] + cells.TemperaturesDeci[cells.TemperatureCount - 1]
                    + (long)(cells.MinCellVoltage + cells.MaxCellVoltage + cells.Power);
            if (SettingsDecoder.TryDecode(frame, layout, out var settings) == DecodeStatus.Ok)
                Sink += settings.CellCount + settings.Flags;
            Decodes += 2;
        }
        if (DeviceInfoDecoder.TryDecode(frame, out var info) == DecodeStatus.Ok)
            Sink += info.PowerOnCount + (int)(LayoutDetector.FromDeviceInfo(info) ?? JkLayout.JK04);
        Decodes++;
    }
}

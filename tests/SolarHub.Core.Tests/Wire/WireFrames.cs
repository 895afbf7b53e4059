using SolarHub.Protocol.Jk;
using SolarHub.Protocol.Jk.Decoding;

namespace SolarHub.Core.Tests.Wire;

/// <summary>Real JK frames (Data/frames.tsv, shared with the protocol tests), decoded.</summary>
public static class WireFrames
{
    private static readonly Lazy<string[][]> Rows = new(() => File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Data", "frames.tsv"))
        .Where(l => l.Length > 0 && !l.StartsWith('#'))
        .Select(l => l.Split('\t'))
        .ToArray());

    /// <summary>Every real cell-info frame that decodes, by row: name and decoded values.</summary>
    public static IReadOnlyList<(string Name, CellInfo Info)> CellInfos => Rows.Value
        .Where(r => r[2] == "jk02-type02" && Enum.TryParse<JkLayout>(r[4], out _))
        .Select(r => (Name: r[1], Status: CellInfoDecoder.TryDecode(Frame(r), Enum.Parse<JkLayout>(r[4]), out var info), Info: info))
        .Where(x => x.Status == DecodeStatus.Ok)
        .Select(x => (x.Name, x.Info))
        .ToList();

    public static DeviceInfo DeviceInfo()
    {
        var row = Rows.Value.First(r => r[1] == "device_info_frame_a" && r[4] == "JK02_32S");
        var status = DeviceInfoDecoder.TryDecode(Frame(row), out var info);
        if (status != DecodeStatus.Ok) throw new InvalidOperationException($"device_info_frame_a does not decode: {status}");
        return info;
    }

    // Some captures carry bytes of the BLE transport after the 300 a bus carries.
    private static byte[] Frame(string[] row) => Convert.FromHexString(row[5])[..JkFrame.Length];
}

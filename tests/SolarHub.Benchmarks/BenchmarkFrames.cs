using SolarHub.Protocol.Jk;
using SolarHub.Protocol.Jk.Bus;

namespace SolarHub.Benchmarks;

/// <summary>Real frames from Data/frames.tsv, and bus traffic built from them.</summary>
public static class BenchmarkFrames
{
    /// <summary>The 300-byte JK02 captures (JK04 frames never travel on the RS485-2 bus).</summary>
    public static IReadOnlyList<byte[]> Jk02Frames { get; } = Load();

    public static byte[] CellInfoFrame => Jk02Frames.First(f => f[JkFrame.TypeOffset] == (byte)JkFrameType.CellInfo && f[6] != 0);

    /// <summary>
    /// A bank of 16 packs polled in turn: poll, frame, acknowledgement, a little line noise between transactions,
    /// repeated until about <paramref name="approximateBytes"/>.
    /// </summary>
    public static byte[] BusTraffic(int approximateBytes)
    {
        byte[] noise = [0x00, 0xFF, 0x55, 0xAA, 0x10, 0x16, 0x20, 0x00];
        var stream = new List<byte>(approximateBytes + 400);
        for (int i = 0; stream.Count < approximateBytes; i++)
        {
            byte[] frame = Jk02Frames[i % Jk02Frames.Count];
            byte address = (byte)(i % 16);
            ushort register = JkRegister.ForFrameType((JkFrameType)frame[JkFrame.TypeOffset]);
            stream.AddRange(ModbusMessages.Poll(address, register));
            stream.AddRange(frame);
            stream.AddRange(ModbusMessages.Acknowledgement(address, register));
            if (i % 4 == 0) stream.AddRange(noise);
        }
        return [.. stream];
    }

    private static List<byte[]> Load()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Data", "frames.tsv");
        return File.ReadLines(path)
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split('\t'))
            .Where(c => c[3] == "300" && c[4] != "JK04")
            .Select(c => Convert.FromHexString(c[5]))
            .ToList();
    }
}

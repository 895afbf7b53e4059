using System.Reflection;
using SolarHub.Protocol.Jk;
using SolarHub.Protocol.Jk.Checksums;

namespace SolarHub.Bench.Fuzz;

/// <summary>
/// The real captured frames of the codec's tests (tests/SolarHub.Protocol.Jk.Tests/Data/frames.tsv, embedded in this
/// assembly): their first 300 bytes, checksum-valid ones only, as the fuzzer's sample of what real packs send.
/// </summary>
public static class RealFrameSet
{
    private const string ResourceName = "SolarHub.Bench.Fuzz.frames.tsv";

    public static IReadOnlyList<byte[]> Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(ResourceName)
            ?? throw new BenchException($"the real frames ({ResourceName}) are missing from the bench assembly");
        using var reader = new StreamReader(stream);
        var frames = new List<byte[]>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line.StartsWith('#')) continue;
            string[] columns = line.Split('\t');
            if (columns.Length < 6) continue;
            var bytes = Convert.FromHexString(columns[5]);
            if (bytes.Length >= JkFrame.Length && JkChecksum.IsValid(bytes)) frames.Add(bytes[..JkFrame.Length]);
        }
        if (frames.Count == 0) throw new BenchException("no checksum-valid frame among the embedded real frames");
        return frames;
    }
}

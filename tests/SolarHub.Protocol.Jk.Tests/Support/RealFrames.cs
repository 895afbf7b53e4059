namespace SolarHub.Protocol.Jk.Tests.Support;

/// <summary>Loads Data/frames.tsv (copied from the shared capture set so the repository stands on its own).</summary>
public static class RealFrames
{
    private static readonly Lazy<IReadOnlyList<RealFrame>> Rows = new(Load);

    public static IReadOnlyList<RealFrame> All => Rows.Value;

    /// <summary>The one row of capture file <paramref name="sourceFile"/> (path in its repository) named <paramref name="name"/>.</summary>
    public static RealFrame Single(string sourceFile, string name) =>
        All.Single(f => f.SourceFile == sourceFile && f.Name == name);

    /// <summary>xunit member data: one row per frame matching <paramref name="filter"/>.</summary>
    public static TheoryData<RealFrame> Where(Func<RealFrame, bool> filter)
    {
        var data = new TheoryData<RealFrame>();
        foreach (var frame in All.Where(filter)) data.Add(frame);
        return data;
    }

    private static IReadOnlyList<RealFrame> Load()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Data", "frames.tsv");
        var frames = new List<RealFrame>();
        foreach (string line in File.ReadLines(path))
        {
            if (line.Length == 0 || line.StartsWith('#')) continue;
            string[] c = line.Split('\t');
            frames.Add(new RealFrame(
                Row: frames.Count,
                SourcePath: c[0],
                Name: c[1],
                Kind: c[2],
                Length: int.Parse(c[3]),
                Layout: Enum.Parse<JkLayout>(c[4]),
                Bytes: Convert.FromHexString(c[5]),
                StatedValues: c.Length > 6 ? c[6] : ""));
        }
        return frames;
    }
}

namespace SolarHub.Cli.Tests;

/// <summary>A few real frames (copied from the shared capture set) by their row name and layout.</summary>
public static class RealFrames
{
    private static readonly string[][] Rows = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Data", "frames.tsv"))
        .Where(l => !l.StartsWith('#') && l.Length > 0)
        .Select(l => l.Split('\t'))
        .ToArray();

    public static string Hex(string name, string layout) => Rows.First(r => r[1] == name && r[4] == layout)[5];

    public static string CellInfo32 => Hex("cell_info_frame2", "JK02_32S");
    public static string Settings32 => Rows.First(r => r[1] == "settings_frame" && r[6].Contains("314Ah"))[5];
    public static string DeviceInfo32 => Hex("device_info_frame_a", "JK02_32S");
    public static string Settings24 => Hex("settings_frame", "JK02_24S");

    public static byte[] Bytes(string hex) => Convert.FromHexString(hex);
}

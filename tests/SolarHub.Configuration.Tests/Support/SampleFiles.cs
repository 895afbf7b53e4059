namespace SolarHub.Configuration.Tests.Support;

/// <summary>The realistic config.yaml samples under Data/.</summary>
internal static class SampleFiles
{
    public static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "Data", name);
}

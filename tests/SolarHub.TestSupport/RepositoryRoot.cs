namespace SolarHub.TestSupport;

/// <summary>The checkout the tests were built from: its scripts and deploy/ files, and where tests leave artifacts.</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "solarhub.sh"))
                && Directory.Exists(System.IO.Path.Combine(dir.FullName, "deploy")))
                return dir.FullName;
        }
        throw new DirectoryNotFoundException($"no solarhub.sh above {AppContext.BaseDirectory}: the tests must run from the checkout's bin folder");
    }
}

namespace SolarHub.Cli.Tests;

/// <summary>
/// A node watches no files: ASP.NET Core's default reloads appsettings.json on change by watching the working directory
/// (an inotify instance, and a wake-up at every write there: the database's, the history's), which a node configured by
/// its database and its command line does not use.
/// </summary>
public sealed class RunFileWatchTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("solarhub-file-watch-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task A_running_node_has_no_inotify_instance()
    {
        var database = Path.Combine(_folder, "hub.db");
        int port = LoopbackPorts.Free();
        using var node = RunningNode.Start(["run", "--database", database, "--urls", $"http://127.0.0.1:{port}", "--duration", "00:02:00"]);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };
        await Wait.UntilAsync(async () =>
        {
            try { return (await http.GetAsync("/health/live")).IsSuccessStatusCode; }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { return false; }
        }, ok => ok, "the node's API answers", TimeSpan.FromSeconds(60));

        InotifyInstances(node.Process.Id).Should().Be(0, "nothing the node runs on is read from a file that may change");
    }

    private static int InotifyInstances(int pid) => new DirectoryInfo($"/proc/{pid}/fd").GetFileSystemInfos()
        .Count(fd => fd.LinkTarget == "anon_inode:inotify");
}

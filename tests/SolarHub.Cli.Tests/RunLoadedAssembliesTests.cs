namespace SolarHub.Cli.Tests;

/// <summary>
/// A node loads the code it runs: on a SQLite database, not PostgreSQL's driver (Npgsql), which was some 1-2 MiB of
/// resident memory on a small board for nothing.
/// </summary>
public sealed class RunLoadedAssembliesTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("solarhub-loaded-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task A_node_on_sqlite_does_not_load_the_postgresql_driver()
    {
        var database = Path.Combine(_folder, "hub.db");
        int port = LoopbackPorts.Free();
        using var node = RunningNode.Start(["run", "--database", database, "--urls", $"http://127.0.0.1:{port}", "--duration", "00:02:00"]);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };
        // Ready: the store answered and the database's health check opened it (each has a PostgreSQL branch).
        await Wait.UntilAsync(async () =>
        {
            try { return (await http.GetAsync("/health/ready")).IsSuccessStatusCode; }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { return false; }
        }, ok => ok, "the node is ready", TimeSpan.FromSeconds(60));

        var mapped = MappedAssemblies(node.Process.Id);
        mapped.Should().Contain("Microsoft.Data.Sqlite.dll", "the node runs on SQLite (and this is how a loaded assembly shows)");
        mapped.Should().NotContain("Npgsql.dll");
    }

    private static HashSet<string> MappedAssemblies(int pid) =>
        [.. File.ReadLines($"/proc/{pid}/maps").Select(line => Path.GetFileName(line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Last()))
            .Where(name => name.EndsWith(".dll", StringComparison.Ordinal))];
}

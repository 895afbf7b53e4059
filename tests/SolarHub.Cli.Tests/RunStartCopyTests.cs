using System.Text.Json.Nodes;

namespace SolarHub.Cli.Tests;

/// <summary>
/// <c>solarhub run --database</c> starts the banks from the copy of the configuration (<c>&lt;database&gt;.start.json</c>,
/// kept by the node and by the <c>config</c> verbs) when the database holds no newer change, and waits for the store otherwise.
/// </summary>
public sealed class RunStartCopyTests : IDisposable
{
    private const string StartingFromCopy = "config: starting the banks of version";
    private readonly string _folder = Directory.CreateTempSubdirectory("solarhub-start-copy-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Database => Path.Combine(_folder, "hub.db");
    private string Copy => Database + ".start.json";

    [Fact]
    public async Task A_configuration_verb_keeps_the_copy_so_the_first_run_and_the_run_after_a_change_start_from_it()
    {
        await AddBankAsync("house");
        CopyVersion().Should().Be(1, "the verb that stored the change wrote the copy");
        ConfigBanksInCopy().Should().Equal("house");

        var first = await RunUntilAsync("house", () => true);
        first.Should().Contain($"{StartingFromCopy} 1 (its copy beside the database)");

        // A change stored while no node ran: the verb brings the copy up to date, so the next run needs no store either.
        await AddBankAsync("shed");
        CopyVersion().Should().Be(2);
        var second = await RunUntilAsync("shed", () => true);
        second.Should().Contain($"{StartingFromCopy} 2 (its copy beside the database)");
    }

    [Fact]
    public async Task A_copy_older_than_the_database_is_ignored_and_the_node_writes_the_current_one()
    {
        await AddBankAsync("house");
        var versionOne = await File.ReadAllTextAsync(Copy);
        await AddBankAsync("shed");
        // As a copy left by a writer that did not keep it (an older SolarHub's `config` verb, a failed write) would be.
        await File.WriteAllTextAsync(Copy, versionOne);

        var lines = await RunUntilAsync("shed", () => CopyVersion() == 2);

        lines.Should().NotContain(l => l.StartsWith(StartingFromCopy), "the copy held version 1 and the database version 2");
        ConfigBanksInCopy().Should().Equal("house", "shed");
    }

    [Fact]
    public async Task A_verb_that_cannot_write_the_copy_stores_its_change_and_says_so()
    {
        Directory.CreateDirectory(Copy); // the copy's path taken by a folder: the rename over it fails

        var outcome = await CliProcess.RunAsync(["config", "bank", "add", "house", "--packs", "1", "--tcp", $"127.0.0.1:{LoopbackPorts.Free()}", "--database", Database]);

        outcome.ExitCode.Should().Be(0, "the change is stored; the copy is only a head start");
        outcome.StdOut.Should().Contain("stored as version 1");
        outcome.StdErr.Should().Contain($"note: cannot keep the configuration's start copy {Copy}").And.NotContain("   at ");
        Directory.GetFiles(_folder, "*.tmp").Should().BeEmpty("a failed write leaves no temporary file");
    }

    [Fact]
    public async Task A_copy_that_cannot_be_read_is_ignored_and_written_again()
    {
        await AddBankAsync("house");
        await File.WriteAllTextAsync(Copy, "{\"version\":1,\"config\":{\"banks\":[{\"id\":");

        var lines = await RunUntilAsync("house", () => CopyVersion() == 1);

        lines.Should().NotContain(l => l.StartsWith(StartingFromCopy));
        lines.Should().NotContain(l => l.Contains("Exception") || l.StartsWith("   at "), "a broken copy is no copy, not a failure");
        ConfigBanksInCopy().Should().Equal("house");
    }

    [Fact]
    public async Task A_node_run_from_its_copy_loads_the_journal_only_once_the_configuration_changes()
    {
        await AddBankAsync("house");
        var copyWritten = File.GetLastWriteTimeUtc(Copy);
        int port = LoopbackPorts.Free();
        using var node = RunningNode.Start(["run", "--database", Database, "--urls", $"http://127.0.0.1:{port}", "--duration", "00:02:00"]);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };
        await ServesAsync(http, "house");
        (await http.GetAsync("/health/ready")).IsSuccessStatusCode.Should().BeTrue("the store at rest answers the readiness check");

        // The journal (Akka.Persistence.Sql, linq2db) is what a node that only runs its banks does not need (docs/benchmarks.md).
        (await ConfigStoreChildAsync(http)).Should().Be("resting", "nothing changed since the copy was written");
        // Nor is the copy written again: it holds what the node runs (the node's writer did so at every start).
        File.GetLastWriteTimeUtc(Copy).Should().Be(copyWritten);

        await AddBankAsync("shed");
        await ServesAsync(http, "shed");
        (await ConfigStoreChildAsync(http)).Should().StartWith("store-", "another client's change is read from the journal");
    }

    /// <summary>The name of the configuration store's one child, from the actor tree the API shows.</summary>
    private static async Task<string> ConfigStoreChildAsync(HttpClient http)
    {
        var tree = JsonNode.Parse(await http.GetStringAsync("/api/actors"))!;
        var supervisor = tree["children"]!.AsArray().Single(c => c!["name"]!.GetValue<string>() == "solarhub-config")!;
        return supervisor["children"]!.AsArray().Single()!["name"]!.GetValue<string>();
    }

    private static Task ServesAsync(HttpClient http, string bankId) => Wait.UntilAsync(async () =>
    {
        try { return (await http.GetAsync($"/api/banks/{bankId}")).IsSuccessStatusCode; }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { return false; }
    }, ok => ok, $"the node serves bank {bankId}", TimeSpan.FromSeconds(60));

    private async Task AddBankAsync(string id)
    {
        // A gateway nobody listens on: the bank runs (its adapter retries), which is all these tests look at.
        var outcome = await CliProcess.RunAsync(["config", "bank", "add", id, "--packs", "1,2", "--tcp", $"127.0.0.1:{LoopbackPorts.Free()}", "--database", Database]);
        outcome.ExitCode.Should().Be(0, outcome.StdErr);
    }

    /// <summary>Runs a node until it serves <paramref name="bankId"/> and <paramref name="done"/> holds; its output lines.</summary>
    private async Task<IReadOnlyList<string>> RunUntilAsync(string bankId, Func<bool> done)
    {
        int port = LoopbackPorts.Free();
        using var node = RunningNode.Start(["run", "--database", Database, "--urls", $"http://127.0.0.1:{port}", "--duration", "00:02:00"]);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };
        await ServesAsync(http, bankId);
        await Wait.UntilAsync(done, "the node's copy of the configuration is written", TimeSpan.FromSeconds(30));
        return node.Lines.ToList();
    }

    private long? CopyVersion() => ReadCopy()?["version"]?.GetValue<long>();

    private IEnumerable<string> ConfigBanksInCopy() =>
        ReadCopy()!["config"]!["banks"]!.AsArray().Select(b => b!["id"]!.GetValue<string>());

    private JsonNode? ReadCopy()
    {
        try { return File.Exists(Copy) ? JsonNode.Parse(File.ReadAllText(Copy)) : null; }
        catch (Exception e) when (e is IOException or System.Text.Json.JsonException) { return null; }
    }
}

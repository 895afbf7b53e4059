using System.Text.Json.Nodes;

namespace SolarHub.Cli.Tests;

/// <summary>
/// <c>solarhub run --database</c> starts the banks from the copy of the configuration it last applied
/// (<c>&lt;database&gt;.start.json</c>) when the database holds no newer change, and waits for the store otherwise.
/// </summary>
public sealed class RunStartCopyTests : IDisposable
{
    private const string StartingFromCopy = "config: starting the banks of version";
    private readonly string _folder = Directory.CreateTempSubdirectory("solarhub-start-copy-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Database => Path.Combine(_folder, "hub.db");
    private string Copy => Database + ".start.json";

    [Fact]
    public async Task A_node_keeps_a_copy_starts_from_it_next_time_and_ignores_it_once_the_database_changed()
    {
        await AddBankAsync("house");

        // The first run has no copy: it waits for the store, then writes what it applied.
        var first = await RunUntilAsync("house", () => CopyVersion() == 1);
        first.Should().NotContain(l => l.StartsWith(StartingFromCopy));
        ConfigBanksInCopy().Should().Equal("house");

        // Nothing changed since: the next run starts the banks from the copy.
        var second = await RunUntilAsync("house", () => true);
        second.Should().Contain($"{StartingFromCopy} 1 (its copy beside the database) while the store loads");

        // A change stored while no node ran (the CLI writes the journal): the copy is stale, so it is not used, and the
        // node's copy then follows the store.
        await AddBankAsync("shed");
        var third = await RunUntilAsync("shed", () => CopyVersion() == 2);
        third.Should().NotContain(l => l.StartsWith(StartingFromCopy), "the copy held version 1 and the database version 2");
        ConfigBanksInCopy().Should().Equal("house", "shed");
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
        await Wait.UntilAsync(async () =>
        {
            try { return (await http.GetAsync($"/api/banks/{bankId}")).IsSuccessStatusCode; }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { return false; }
        }, ok => ok, $"the node serves bank {bankId}", TimeSpan.FromSeconds(60));
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

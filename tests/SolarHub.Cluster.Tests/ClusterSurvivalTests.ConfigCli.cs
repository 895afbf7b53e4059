using System.Diagnostics;
using System.Text.Json;
using SolarHub.Bench;
using SolarHub.Bench.Cluster;
using SolarHub.ConfigStore.ClusterWriter;

namespace SolarHub.Cluster.Tests;

// `solarhub config` run as a real process against the running cluster: its writes go through the cluster's one writer
// (docs/cluster.md, "The configuration in a cluster").
public sealed partial class ClusterSurvivalTests
{
    private const string CliBank = ClusterBench.ConfigBank;

    [PostgresFact]
    public async Task Solarhub_config_against_a_running_cluster_is_applied_by_the_clusters_writer_not_by_the_cli_and_every_node_sees_it()
    {
        var site = cluster.Bench.Site;
        var ct = _timeout.Token;
        var original = await site.LoadAsync(ct);
        var writer = await LiveWriterAsync(ct);
        var via = site.Nodes.First(n => n.Name != writer && n.IsRunning);
        // A change through a node's API is stored by the singleton store: its writer id is the one to expect.
        (await site.DisableAdapterAsync(via, CliBank, "gw-8", ct)).Should().BeNull();
        long before = await site.VersionAsync(ct);
        var singleton = (await site.JournalWritersAsync(before - 1, ct)).Single().Writer;

        var run = await CliAsync(["config", "adapter", "disable", CliBank, "gw-9", "--database", site.Database.ConnectionString], ct);

        run.Exit.Should().Be(0, run.Err);
        run.Out.Should().Contain($"adapter {CliBank}/gw-9 disabled").And.Contain($"stored as version {before + 1} in ")
            .And.Contain($"answered by the cluster's configuration writer on {writer}");
        var stored = await site.JournalWritersAsync(before, ct);
        stored.Should().ContainSingle("the change is stored once").Which.Writer.Should().Be(singleton, "the cluster's writer stored it, not the CLI's own store");
        (await new ConfigInbox(new ConfigWriterTables(site.Database)).PendingAsync(ct)).Should().BeEmpty();
        foreach (var node in site.Nodes)
            await WaitForAdapterEnabledAsync(node, "gw-9", false, ct);

        await site.StoreAsync(original, ct);
    }

    [PostgresFact]
    public async Task A_cli_change_waiting_for_a_writer_whose_node_is_killed_is_stored_once_and_acknowledged_by_the_next_writer()
    {
        var site = cluster.Bench.Site;
        var ct = _timeout.Token;
        var original = await site.LoadAsync(ct);
        var writer = site.Node(await LiveWriterAsync(ct));
        long before = await site.VersionAsync(ct);
        var tables = new ConfigWriterTables(site.Database);

        // kill -9 of the writer's node, then the CLI: its lease stays fresh for 5 s after the last renewal, less than the
        // CLI may take to start on a loaded machine, so the test renews it in the dead writer's name until the request is
        // in the inbox (as the writer did until it died): the request then waits for a writer that is gone.
        await writer.KillAsync();
        try
        {
            var run = CliAsync(["config", "adapter", "disable", CliBank, "gw-9", "--database", site.Database.ConnectionString], ct);
            var inbox = new ConfigInbox(tables);
            var clock = Stopwatch.StartNew();
            while (!run.IsCompleted && (await inbox.PendingAsync(ct)).Count == 0)
            {
                clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(30), "the CLI puts its request in the inbox");
                await new WriterLeaseTable(tables).RenewAsync(writer.Name, ct);
                await Task.Delay(200, ct);
            }
            var done = await run;
            output.WriteLine($"killed {writer.Name}; the CLI's answer came {clock.Elapsed.TotalSeconds:0.0} s after it started:\n{done.Out}\n{done.Err}");

            done.Exit.Should().Be(0, done.Err);
            done.Out.Should().Contain($"adapter {CliBank}/gw-9 disabled").And.Contain("answered by the cluster's configuration writer on ")
                .And.NotContain($"writer on {writer.Name}");
            done.Err.Should().Contain("waiting for the cluster's configuration writer");
            (await site.JournalWritersAsync(before, ct)).Should().ContainSingle("the change is stored once");
            (await site.LoadAsync(ct)).Banks.Single(b => b.Id == CliBank).Adapters.Single(a => a.Id == "gw-9").Enabled.Should().BeFalse();
        }
        finally
        {
            await cluster.Bench.RestartAsync(writer, ct);
            await site.StoreAsync(original, ct);
        }
    }

    /// <summary>The node /api/cluster names as the configuration writer, once the lease in the database names it too.</summary>
    private async Task<string> LiveWriterAsync(CancellationToken ct)
    {
        var site = cluster.Bench.Site;
        var client = new ClusterWriterClient(new ConfigWriterTables(site.Database));
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            foreach (var node in site.Nodes.Where(n => n.IsRunning))
                if (await site.ConfigWriterAsync(node, ct) is { } named && (await client.LiveWriterAsync(ct))?.Node == named) return named;
            await Task.Delay(200, ct);
        }
        throw new TimeoutException("no configuration writer held a fresh lease within 60 s");
    }

    private static async Task WaitForAdapterEnabledAsync(ClusterNodeProcess node, string adapter, bool enabled, CancellationToken ct)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var json = JsonDocument.Parse(await http.GetStringAsync(new Uri(node.Url, $"/api/banks/{CliBank}"), ct));
                if (json.RootElement.GetProperty("adapters").EnumerateArray().Any(a => a.GetProperty("id").GetString() == adapter && a.GetProperty("enabled").GetBoolean() == enabled))
                    return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException) { ct.ThrowIfCancellationRequested(); }
            await Task.Delay(100, ct);
        }
        throw new TimeoutException($"{node.Name} did not show {CliBank}/{adapter} enabled={enabled} within 15 s");
    }

    private sealed record CliRun(int Exit, string Out, string Err);

    private static async Task<CliRun> CliAsync(string[] args, CancellationToken ct)
    {
        using var process = Process.Start(SolarHubProcess.StartInfo(args))!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(TimeSpan.FromSeconds(90));
        try { await process.WaitForExitAsync(limit.Token); }
        catch (OperationCanceledException)
        {
            process.Kill();
            throw;
        }
        return new CliRun(process.ExitCode, await stdout, await stderr);
    }
}

using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using SolarHub.ConfigStore;
using SolarHub.Configuration;
using SolarHub.Database;

namespace SolarHub.Bench.Cluster;

/// <summary>A bank as any node reports it (<c>GET /api/banks/{id}</c>): where it runs and how fresh its newest reading is.</summary>
public sealed record BankView(string? Node, string State, string? ActiveAdapter, DateTimeOffset? NewestReading);

/// <summary>
/// Three nodes on 127.0.0.1 sharing one configuration database, as <c>deploy/cluster-local.sh</c> starts them, for the
/// cluster bench and the cluster tests: the nodes are real processes, so they can be killed with SIGKILL.
/// </summary>
public sealed class ClusterSite : IAsyncDisposable
{
    public static readonly string[] NodeNames = ["n1", "n2", "n3"];
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(1.5) };
    private readonly List<ClusterNodeProcess> _nodes = [];
    private readonly string _directory;
    private readonly TextWriter _progress;

    private ClusterSite(ConfigDatabase database, string directory, TextWriter progress)
    {
        Database = database;
        _directory = directory;
        _progress = progress;
    }

    /// <summary>deploy/solarhub@.service's RestartSec.</summary>
    public static readonly TimeSpan RestartAfter = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan JoinPatience = TimeSpan.FromSeconds(90);

    public ConfigDatabase Database { get; }

    /// <summary>The token of every node's state-changing endpoints.</summary>
    public string ApiToken { get; } = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
    public IReadOnlyList<ClusterNodeProcess> Nodes => _nodes;
    public string Directory => _directory;

    public ClusterNodeProcess Node(string name) => _nodes.Single(n => n.Name == name);

    /// <summary>Starts the nodes on <paramref name="database"/> (a PostgreSQL URL; null: a SQLite file in a temporary folder).</summary>
    /// <param name="extraRunArgs">More options for every node's <c>run</c> (e.g. <c>--hocon</c>).</param>
    public static async Task<ClusterSite> StartAsync(string? database, TextWriter progress, CancellationToken ct, IReadOnlyList<string>? extraRunArgs = null)
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("solarhub-cluster-").FullName;
        var db = database is null ? ConfigDatabase.Sqlite(Path.Combine(directory, "solarhub.db")) : ConfigDatabase.Parse(database);
        var site = new ClusterSite(db, directory, progress);
        var remoting = NodeNames.Select(_ => LoopbackPort.Free()).ToArray();
        for (int i = 0; i < NodeNames.Length; i++)
            site._nodes.Add(new ClusterNodeProcess(NodeNames[i], LoopbackPort.Free(), remoting[i], remoting[..2], db.SqliteFile ?? db.ConnectionString, directory, extraRunArgs ?? [], site.ApiToken));
        try
        {
            // The first seed starts the cluster; the others join it.
            foreach (var node in site._nodes)
            {
                await node.StartAsync(site._http, ct);
                progress.WriteLine($"cluster: {node.Name} up at {node.Url} (log {node.LogPath})");
            }
            // Banks stored before every node is Up would all land on the first ones.
            await site.WaitForMembersUpAsync(JoinPatience, ct);
        }
        catch
        {
            await site.DisposeAsync();
            throw;
        }
        return site;
    }

    /// <summary>
    /// Waits until every running node's <c>GET /api/cluster</c> shows every running node Up and reachable: a node that
    /// answers HTTP may still be joining (seen to take 15 s on a loaded machine), and a scenario must not begin then.
    /// A node that ended by itself meanwhile (it gave up joining: run's join timeout) is started again after
    /// <see cref="RestartAfter"/>, as the deploy units' <c>Restart=on-failure</c> does.
    /// </summary>
    public async Task WaitForMembersUpAsync(TimeSpan timeout, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            foreach (var ended in _nodes.Where(n => n.ExitedByItself).ToList())
            {
                _progress.WriteLine($"cluster: {ended.Name} exited ({ended.ExitCode}) by itself; starting it again in {RestartAfter.TotalSeconds:0} s, as its service would be");
                await Task.Delay(RestartAfter, ct);
                await ended.StartAsync(_http, ct);
            }
            var running = _nodes.Where(n => n.IsRunning).ToList();
            bool allUp = true;
            foreach (var node in running)
                allUp &= await UpMembersAsync(node, ct) >= running.Count;
            if (allUp) return;
            await Task.Delay(200, ct);
        }
        throw new BenchException($"the running nodes did not all see each other Up within {timeout.TotalSeconds:0} s (node logs in {_directory})");
    }

    /// <summary>Starts a node that was killed or left, and waits until the cluster is whole; when its HTTP came up (the process that joined).</summary>
    public async Task<DateTimeOffset> RejoinAsync(ClusterNodeProcess node, CancellationToken ct)
    {
        await node.StartAsync(_http, ct);
        await WaitForMembersUpAsync(JoinPatience, ct);
        return node.UpAt;
    }

    private async Task<int> UpMembersAsync(ClusterNodeProcess via, CancellationToken ct)
    {
        try
        {
            using var answer = await _http.GetAsync(new Uri(via.Url, "/api/cluster"), ct);
            if (!answer.IsSuccessStatusCode) return 0;
            using var json = JsonDocument.Parse(await answer.Content.ReadAsStreamAsync(ct));
            return json.RootElement.GetProperty("members").EnumerateArray()
                .Count(m => m.GetProperty("status").GetString() == "Up" && m.GetProperty("reachable").GetBoolean());
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            ct.ThrowIfCancellationRequested();
            return 0;
        }
    }

    /// <summary>The node that writes the configuration journal, as <paramref name="via"/>'s <c>GET /api/cluster</c> names it; null when it does not say.</summary>
    public async Task<string?> ConfigWriterAsync(ClusterNodeProcess via, CancellationToken ct)
    {
        try
        {
            using var answer = await _http.GetAsync(new Uri(via.Url, "/api/cluster"), ct);
            if (!answer.IsSuccessStatusCode) return null;
            using var json = JsonDocument.Parse(await answer.Content.ReadAsStreamAsync(ct));
            return Text(json.RootElement, "configWriter");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException)
        {
            ct.ThrowIfCancellationRequested();
            return null;
        }
    }

    /// <summary>
    /// <c>POST /api/banks/{bank}/adapters/{adapter}/disable</c> through <paramref name="via"/>, waiting as long as the
    /// node keeps at a write (a minute): null when the node answered that the adapter is disabled (stored now or before),
    /// else what went wrong.
    /// </summary>
    public async Task<string?> DisableAdapterAsync(ClusterNodeProcess via, string bankId, string adapterId, CancellationToken ct)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(75) };
        return await AdapterRequests.DisableAsync(http, via.Url, ApiToken, bankId, adapterId, ct);
    }

    /// <summary>Stores <paramref name="config"/> as the cluster's configuration, as <c>solarhub config import</c> would.</summary>
    public async Task StoreAsync(HubConfig config, CancellationToken ct)
    {
        await using var session = await ConfigStoreSession.StartAsync(Database, logging: null, ct);
        var answer = await ConfigStoreClient.ReplaceAsync(session.Store, config, "bench cluster", ct);
        if (answer is not ChangesAccepted) throw new BenchException($"the cluster's configuration was not stored: {answer}");
    }

    /// <summary>
    /// The writer of each configuration change stored after <paramref name="afterVersion"/>, by version: the journal's
    /// <c>writer_uuid</c>, one per store incarnation (a node's own store, or the cluster's singleton writer).
    /// </summary>
    public async Task<IReadOnlyList<(long Version, string Writer)>> JournalWritersAsync(long afterVersion, CancellationToken ct)
    {
        await using System.Data.Common.DbConnection connection = Database.IsPostgres
            ? new Npgsql.NpgsqlConnection(Database.ConnectionString)
            : new Microsoft.Data.Sqlite.SqliteConnection(Database.ConnectionString);
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT sequence_number, writer_uuid FROM journal WHERE persistence_id = '{HubConfigStore.Id}' AND sequence_number > {afterVersion} ORDER BY sequence_number";
        var writers = new List<(long, string)>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) writers.Add((reader.GetInt64(0), reader.IsDBNull(1) ? "" : reader.GetString(1)));
        return writers;
    }

    /// <summary>The stored configuration's version (the number of change sets stored).</summary>
    public async Task<long> VersionAsync(CancellationToken ct)
    {
        await using var session = await ConfigStoreSession.StartAsync(Database, logging: null, ct);
        return (await ConfigStoreClient.GetAsync(session.Store, ct)).Version;
    }

    /// <summary>The stored configuration.</summary>
    public async Task<HubConfig> LoadAsync(CancellationToken ct)
    {
        await using var session = await ConfigStoreSession.StartAsync(Database, logging: null, ct);
        return (await ConfigStoreClient.GetAsync(session.Store, ct)).Config;
    }

    /// <summary>Polls <paramref name="via"/>'s <c>GET /api/banks</c> until the ids it lists satisfy <paramref name="done"/>.</summary>
    public async Task WaitForBankListAsync(ClusterNodeProcess via, Func<IReadOnlyList<string>, bool> done, TimeSpan timeout, string what, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var answer = await _http.GetAsync(new Uri(via.Url, "/api/banks"), ct);
                if (answer.IsSuccessStatusCode)
                {
                    using var json = JsonDocument.Parse(await answer.Content.ReadAsStreamAsync(ct));
                    if (done(json.RootElement.EnumerateArray().Select(b => b.GetProperty("id").GetString()!).ToList())) return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException) { ct.ThrowIfCancellationRequested(); }
            await Task.Delay(20, ct);
        }
        throw new BenchException($"{what} not seen within {timeout.TotalSeconds:0} s (node logs in {_directory})");
    }

    /// <summary>The bank as <paramref name="via"/> reports it; null while that node does not answer for it.</summary>
    public async Task<BankView?> BankAsync(ClusterNodeProcess via, string bankId, CancellationToken ct)
    {
        try
        {
            using var answer = await _http.GetAsync(new Uri(via.Url, $"/api/banks/{Uri.EscapeDataString(bankId)}"), ct);
            if (!answer.IsSuccessStatusCode) return null;
            using var json = JsonDocument.Parse(await answer.Content.ReadAsStreamAsync(ct));
            var bank = json.RootElement;
            DateTimeOffset? newest = null;
            foreach (var pack in bank.GetProperty("packs").EnumerateArray())
                if (!pack.GetProperty("stale").GetBoolean() && pack.GetProperty("updatedAt") is { ValueKind: JsonValueKind.String } at
                    && (newest is null || at.GetDateTimeOffset() > newest)) newest = at.GetDateTimeOffset();
            return new BankView(Text(bank, "node"), bank.GetProperty("state").GetString()!, Text(bank, "activeAdapter"), newest);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException or KeyNotFoundException)
        {
            ct.ThrowIfCancellationRequested();
            return null;
        }
    }

    /// <summary>Polls <see cref="BankAsync"/> until <paramref name="done"/> holds; the view that satisfied it, or a bench failure.</summary>
    public async Task<BankView> WaitForBankAsync(string bankId, Func<BankView, bool> done, TimeSpan timeout, string what, CancellationToken ct, ClusterNodeProcess? via = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            foreach (var node in via is null ? _nodes.Where(n => n.IsRunning) : [via])
                if (await BankAsync(node, bankId, ct) is { } view && done(view)) return view;
            await Task.Delay(50, ct);
        }
        throw new BenchException($"bank '{bankId}': {what} not seen within {timeout.TotalSeconds:0} s (node logs in {_directory})");
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes) await node.DisposeAsync();
        _http.Dispose();
    }

    private static string? Text(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}

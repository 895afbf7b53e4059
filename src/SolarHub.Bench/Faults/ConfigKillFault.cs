using System.Net.Http.Headers;
using System.Text.Json;
using SolarHub.ConfigStore;
using SolarHub.Configuration;
using SolarHub.Database;
using SolarHub.Simulator;

namespace SolarHub.Bench.Faults;

/// <summary>
/// <c>kill -9</c> of a node during configuration changes: a <c>solarhub run</c> process of its own on a SQLite file,
/// one bank with six adapters on a simulated gateway; five of them are disabled one by one through the node's API
/// (each change stored by the node's configuration store before the API answers), and the node gets SIGKILL while the
/// third change is on its way. The node is started again at once (as systemd would) and a change whose answer was lost
/// is sent again, as a user would. Survived when every acknowledged change is in the stored configuration and in the
/// restarted node's view of the bank (<see cref="FaultOutcome.Lost"/> counts those missing), the change in flight is
/// either whole or absent, every change is acknowledged in the end, and the node's log has no stack trace. Recovery:
/// from the kill to the first change acknowledged after it.
/// </summary>
public sealed class ConfigKillFault : IFaultScenario
{
    private const string BankId = "config-bank";
    private static readonly string[] Adapters = ["a0", "a1", "a2", "a3", "a4", "a5"];

    public string Fault => "kill-9-config";

    public async Task<FaultOutcome> RunAsync(bool quick, TextWriter progress, CancellationToken ct)
    {
        var directory = Directory.CreateTempSubdirectory("solarhub-faults-").FullName;
        bool survived = false;
        try
        {
            await using var gateway = new TcpGatewaySimulator(new SimulatorOptions { Packs = 3, Seed = 7 });
            gateway.Start();
            var database = ConfigDatabase.Sqlite(Path.Combine(directory, "solarhub.db"));
            await BenchConfigStore.ReplaceAsync(database, new HubConfig([new BankConfig(BankId, "Config bank", [new PackConfig(1), new PackConfig(2), new PackConfig(3)],
                [.. Adapters.Select((id, i) => new AdapterConfig(id, AdapterProtocol.JkPassive, new TcpTransport("127.0.0.1", gateway.LocalEndPoint.Port), Priority: i + 1))])], []), ct);

            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            await using var node = new NodeProcess(database.SqliteFile!, directory);
            await node.StartAsync(http, ct);
            progress.WriteLine($"faults: {Fault}: node up at {node.Url} on {database.SqliteFile} (log {node.LogPath})");

            var acknowledged = new List<string>();
            long? killedAt = null;
            TimeSpan? recovery = null;
            foreach (var (adapter, i) in Adapters[1..].Select((a, i) => (a, i)))
            {
                long sentAt = RowClock.Now;
                var write = DisableAsync(http, node, adapter, ct);
                if (i == 2)
                {
                    // The third change is on its way when the node dies.
                    await Task.Delay(20, ct);
                    killedAt = RowClock.Now;
                    await node.KillAsync();
                    progress.WriteLine($"faults: {Fault}: node killed (SIGKILL) with the change disabling {adapter} in flight; started again");
                    await node.StartAsync(http, ct);
                }
                var problem = await write;
                for (int attempt = 2; problem is not null && attempt <= 3; attempt++)
                {
                    progress.WriteLine($"faults: {Fault}: disabling {adapter}: {problem}; again");
                    problem = await DisableAsync(http, node, adapter, ct);
                }
                if (problem is not null) continue;
                acknowledged.Add(adapter);
                if (killedAt is { } at && sentAt > at && recovery is null) recovery = RowClock.Since(at);
            }

            var stored = (await BenchConfigStore.ReadAsync(database, ct)).Config.Banks.Single(b => b.Id == BankId);
            var storedDisabled = stored.Adapters.Where(a => !a.Enabled).Select(a => a.Id).ToHashSet();
            var seenDisabled = await DisabledSeenByNodeAsync(http, node, ct);
            int lost = acknowledged.Count(a => !storedDisabled.Contains(a) || !seenDisabled.Contains(a));
            int traces = node.StackTraces();

            var problems = new List<string>();
            if (lost > 0) problems.Add($"{lost} acknowledged change(s) missing: stored disabled {string.Join(",", storedDisabled.Order())}, the node shows {string.Join(",", seenDisabled.Order())}");
            if (acknowledged.Count < Adapters.Length - 1) problems.Add($"only {acknowledged.Count} of {Adapters.Length - 1} changes acknowledged");
            if (stored.Adapters.Count != Adapters.Length) problems.Add($"the bank has {stored.Adapters.Count} adapters stored");
            if (recovery is null) problems.Add("no change acknowledged after the kill");
            if (traces > 0) problems.Add($"{traces} stack trace(s) in {node.LogPath}");
            string note = problems.Count > 0 ? string.Join("; ", problems)
                : $"{acknowledged.Count} changes acknowledged, all stored and shown after the restart";
            survived = problems.Count == 0;
            return new FaultOutcome(Fault, Detection: null, Failover: null, recovery, FalseFailovers: 0, TelemetryGap: null, traces, lost, survived, note);
        }
        finally
        {
            // Kept when the row failed: the node's log says why.
            if (survived) try { Directory.Delete(directory, recursive: true); } catch (IOException) { }
        }
    }

    private static Task<string?> DisableAsync(HttpClient http, NodeProcess node, string adapter, CancellationToken ct) =>
        AdapterRequests.DisableAsync(http, node.Url, node.ApiToken, BankId, adapter, ct);

    private static async Task<HashSet<string>> DisabledSeenByNodeAsync(HttpClient http, NodeProcess node, CancellationToken ct)
    {
        using var json = JsonDocument.Parse(await http.GetStringAsync(new Uri(node.Url, $"/api/banks/{BankId}"), ct));
        return [.. json.RootElement.GetProperty("adapters").EnumerateArray()
            .Where(a => !a.GetProperty("enabled").GetBoolean()).Select(a => a.GetProperty("id").GetString()!)];
    }
}

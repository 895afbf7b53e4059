using System.Diagnostics;
using System.Net.Http.Headers;
using SolarHub.ConfigStore;
using SolarHub.Configuration;
using SolarHub.Database;
using SolarHub.Simulator;

namespace SolarHub.Bench.Faults;

/// <summary>
/// Three writers of one configuration at once, as issue 10 found them failing: a node (a <c>solarhub run</c> of its own
/// on a SQLite file) toggling an adapter through its API, and two <c>solarhub config adapter disable|enable</c> processes
/// toggling two others, each writing the database's journal as its own client. Every change alternates, so each one is
/// a new version. Survived when every command and request succeeded (none gave up because another wrote first), the
/// journal holds exactly one version per change (<see cref="FaultOutcome.Lost"/> counts the missing ones), the node
/// shows the final state, and no stack trace was printed.
/// </summary>
public sealed class ConcurrentWritersFault : IFaultScenario
{
    private const string BankId = "busy-bank";
    private static readonly string[] Adapters = ["a0", "a1", "a2", "a3"];

    public string Fault => "concurrent-writers";

    public async Task<FaultOutcome> RunAsync(bool quick, TextWriter progress, CancellationToken ct)
    {
        int toggles = quick ? 2 : 10; // per writer, each a disable and an enable (a CLI change costs its process about 1.6 s)
        var directory = Directory.CreateTempSubdirectory("solarhub-faults-").FullName;
        bool survived = false;
        try
        {
            await using var gateway = new TcpGatewaySimulator(new SimulatorOptions { Packs = 2, Seed = 5 });
            gateway.Start();
            var database = ConfigDatabase.Sqlite(Path.Combine(directory, "solarhub.db"));
            await BenchConfigStore.ReplaceAsync(database, new HubConfig([new BankConfig(BankId, "Busy bank", [new PackConfig(1), new PackConfig(2)],
                [.. Adapters.Select((id, i) => new AdapterConfig(id, AdapterProtocol.JkPassive, new TcpTransport("127.0.0.1", gateway.LocalEndPoint.Port), Priority: i + 1))])], []), ct);
            long first = (await BenchConfigStore.ReadAsync(database, ct)).Version;

            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
            await using var node = new NodeProcess(database.SqliteFile!, directory);
            await node.StartAsync(http, ct);
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", node.ApiToken);
            progress.WriteLine($"faults: {Fault}: node up at {node.Url}; the API toggles a3, two CLI processes a1 and a2, {toggles} times each");

            var clock = Stopwatch.StartNew();
            var failures = (await Task.WhenAll(
                ToggleAsync(toggles, verb => ThroughApiAsync(http, node.Url, "a3", verb, ct)),
                ToggleAsync(toggles, verb => ThroughCliAsync(database.SqliteFile!, "a1", verb, ct)),
                ToggleAsync(toggles, verb => ThroughCliAsync(database.SqliteFile!, "a2", verb, ct)))).SelectMany(f => f).ToList();
            var took = clock.Elapsed;

            var stored = await BenchConfigStore.ReadAsync(database, ct);
            int changes = 3 * 2 * toggles;
            int lost = (int)Math.Max(0, first + changes - failures.Count - stored.Version);
            var bank = stored.Config.Banks.Single(b => b.Id == BankId);
            int traces = node.StackTraces();
            var problems = new List<string>();
            if (failures.Count > 0) problems.Add($"{failures.Count} of {changes} changes failed: {failures[0]}");
            if (lost > 0) problems.Add($"{lost} acknowledged change(s) missing from the journal (version {stored.Version}, expected {first + changes - failures.Count})");
            if (bank.Adapters.Any(a => !a.Enabled)) problems.Add($"adapters left disabled: {string.Join(",", bank.Adapters.Where(a => !a.Enabled).Select(a => a.Id))}");
            if (traces > 0) problems.Add($"{traces} stack trace(s) in {node.LogPath}");
            survived = problems.Count == 0;
            string note = survived ? $"{changes} changes by 3 writers in {took.TotalSeconds:0.0} s, all acknowledged and stored (versions {first + 1}..{stored.Version})"
                : string.Join("; ", problems);
            return new FaultOutcome(Fault, null, null, null, 0, null, traces, lost, survived, note);
        }
        finally
        {
            if (survived) try { Directory.Delete(directory, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>Disables then enables, <paramref name="times"/> times; the failures' reasons.</summary>
    private static async Task<List<string>> ToggleAsync(int times, Func<string, Task<string?>> change)
    {
        var failures = new List<string>();
        for (int i = 0; i < times; i++)
            foreach (var verb in new[] { "disable", "enable" })
                if (await change(verb) is { } failure) failures.Add(failure);
        return failures;
    }

    private static async Task<string?> ThroughApiAsync(HttpClient http, Uri node, string adapter, string verb, CancellationToken ct)
    {
        using var answer = await http.PostAsync(new Uri(node, $"/api/banks/{BankId}/adapters/{adapter}/{verb}"), null, ct);
        return answer.IsSuccessStatusCode ? null : $"API {verb} {adapter}: {(int)answer.StatusCode} {DatabaseFaultScenario.OneLine(await answer.Content.ReadAsStringAsync(ct))}";
    }

    private static async Task<string?> ThroughCliAsync(string database, string adapter, string verb, CancellationToken ct)
    {
        using var process = Process.Start(SolarHubProcess.StartInfo(["config", "adapter", verb, BankId, adapter, "--database", database]))
            ?? throw new BenchException("cannot start solarhub config");
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync(ct);
        string error = await process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        string said = (await output + error).Trim();
        return process.ExitCode == 0 && !said.Contains("   at ", StringComparison.Ordinal) ? null
            : $"config adapter {verb} {adapter}: exit {process.ExitCode}: {DatabaseFaultScenario.OneLine(said)}";
    }
}

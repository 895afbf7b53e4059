using System.Diagnostics;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace SolarHub.Bench.Faults;

/// <summary>
/// <c>kill -9</c> of a node while it writes history: a <c>solarhub run</c> of its own on a SQLite file (the demo bank),
/// sampling and flushing history every second; the row watches the database's write-ahead log and kills the node the
/// moment it grows (a flush under way), starts it again at once (as systemd would), and does so several times.
/// Survived when every sample the node served before a kill is still served after it (<see cref="FaultOutcome.Lost"/>
/// counts those missing), history records again after each restart, SQLite's integrity check passes at the end, and
/// the node's log has no stack trace. Recovery: from a kill to the first sample recorded after it. What a kill may cost
/// by design: the samples buffered since the last flush (up to one <c>flush-interval</c>, 10 s by default).
/// </summary>
public sealed class HistoryKillFault : IFaultScenario
{
    private const string History = "/api/banks/demo-bank/history?resolution=raw&from=";

    public string Fault => "kill-9-history";

    public async Task<FaultOutcome> RunAsync(bool quick, TextWriter progress, CancellationToken ct)
    {
        var directory = Directory.CreateTempSubdirectory("solarhub-faults-").FullName;
        bool survived = false;
        try
        {
            string hocon = Path.Combine(directory, "history.conf");
            await File.WriteAllTextAsync(hocon, "solarhub.history { sample-interval = 1s, flush-interval = 1s }\n", ct);
            string database = Path.Combine(directory, "solarhub.db");
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            await using var node = new NodeProcess(database, directory, ["--hocon", hocon]);
            await node.StartAsync(http, ct);
            string since = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddMinutes(-5).ToString("O"));
            progress.WriteLine($"faults: {Fault}: node up at {node.Url} on {database} (log {node.LogPath})");

            int kills = quick ? 2 : 5, lost = 0, duringFlush = 0;
            var recoveries = new List<TimeSpan>();
            var problems = new List<string>();
            for (int kill = 1; kill <= kills; kill++)
            {
                var before = await WaitForSamplesAsync(http, node, since, atLeast: 3 * kill, after: null, ct);
                bool flushing = await WaitForFlushAsync(database + "-wal", TimeSpan.FromSeconds(10), ct);
                var killedAt = DateTimeOffset.UtcNow;
                long clock = RowClock.Now;
                await node.KillAsync();
                if (flushing) duringFlush++;
                await node.StartAsync(http, ct);
                var after = await WaitForSamplesAsync(http, node, since, atLeast: 0, after: killedAt, ct);
                recoveries.Add(RowClock.Since(clock));
                int missing = before.Count(at => !after.Contains(at));
                lost += missing;
                progress.WriteLine($"faults: {Fault}: kill {kill}/{kills} {(flushing ? "while the log grew" : "(no flush seen in 10 s)")}: " +
                    $"{before.Count} samples before, {missing} of them missing after; recording again {recoveries[^1].TotalSeconds:0.0} s after the kill");
            }
            await node.KillAsync();
            string integrity = await IntegrityAsync(database, ct);
            int traces = node.StackTraces();

            if (lost > 0) problems.Add($"{lost} sample(s) served before a kill and missing after it");
            if (integrity != "ok") problems.Add($"integrity check: {integrity}");
            if (duringFlush == 0) problems.Add("no kill landed while the write-ahead log grew");
            if (traces > 0) problems.Add($"{traces} stack trace(s) in {node.LogPath}");
            survived = problems.Count == 0;
            string note = survived
                ? $"{kills} kills, {duringFlush} while a flush wrote; no sample lost, integrity ok, recording again within {recoveries.Max().TotalSeconds:0.0} s"
                : string.Join("; ", problems);
            return new FaultOutcome(Fault, Detection: null, Failover: null, recoveries.Max(), 0, TelemetryGap: null, traces, lost, survived, note);
        }
        finally
        {
            // Kept when the row failed: the node's log says why.
            if (survived) try { Directory.Delete(directory, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>The bank's raw samples the node serves (their times), once there are at least <paramref name="atLeast"/> and one is later than <paramref name="after"/>.</summary>
    private static async Task<HashSet<string>> WaitForSamplesAsync(HttpClient http, NodeProcess node, string since, int atLeast, DateTimeOffset? after, CancellationToken ct)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            // 404 until the node runs the demo bank it stores at start.
            using var answer = await http.GetAsync(new Uri(node.Url, History + since), ct);
            if (answer.IsSuccessStatusCode)
            {
                using var json = JsonDocument.Parse(await answer.Content.ReadAsStringAsync(ct));
                var times = json.RootElement.GetProperty("points").EnumerateArray().Select(p => p.GetProperty("at").GetDateTimeOffset()).ToList();
                if (times.Count >= atLeast && (after is not { } t || times.Any(at => at > t)))
                    return [.. times.Select(at => at.ToString("O"))];
            }
            if (deadline.Elapsed > TimeSpan.FromSeconds(60))
                throw new BenchException($"history did not reach {atLeast} samples{(after is null ? "" : " with one after the kill")} within 60 s (log {node.LogPath})");
            await Task.Delay(200, ct);
        }
    }

    /// <summary>Waits until the write-ahead log changes (a flush writing); false when none did within <paramref name="patience"/>.</summary>
    private static async Task<bool> WaitForFlushAsync(string wal, TimeSpan patience, CancellationToken ct)
    {
        var seen = Stamp(wal);
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < patience)
        {
            // A tight poll on purpose: the flush lasts milliseconds, and the kill must land inside it.
            await Task.Yield();
            ct.ThrowIfCancellationRequested();
            if (Stamp(wal) != seen) return true;
        }
        return false;
    }

    private static (long Length, DateTime Written) Stamp(string path)
    {
        var file = new FileInfo(path);
        return file.Exists ? (file.Length, file.LastWriteTimeUtc) : (0, default);
    }

    private static async Task<string> IntegrityAsync(string database, CancellationToken ct)
    {
        await using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check";
        return (await command.ExecuteScalarAsync(ct))?.ToString() ?? "no answer";
    }
}

using System.Diagnostics;
using System.Net.Http.Headers;
using Microsoft.Data.Sqlite;

namespace SolarHub.Bench.Faults;

/// <summary>What happens to the node's SQLite database in <see cref="DatabaseFaultScenario"/>.</summary>
/// <remarks>A read-only one is <see cref="ReadOnlyDatabaseFault"/>: it needs an ext4 filesystem, not a tmpfs.</remarks>
public enum DatabaseFault
{
    /// <summary>Another process holds an exclusive lock on it.</summary>
    Locked,

    /// <summary>Its filesystem has no space left.</summary>
    Full,
}

/// <summary>
/// The database failing under a node (a <c>solarhub run</c> of its own, the demo bank, history on): its SQLite file
/// sits on a small tmpfs of the bench's own (so it can be filled; the bench must run as root), and a
/// configuration change is made through the API while the fault lasts, with history written every second all along.
/// Survived: a full database refuses the change at once with a reason that says so (nothing stored), a
/// locked one stores it once the lock is gone; after the fault the change is stored; the banks kept reporting, and no
/// stack trace is in the node's log.
/// </summary>
public sealed class DatabaseFaultScenario(DatabaseFault fault) : IFaultScenario
{
    public string Fault => fault == DatabaseFault.Locked ? "database-locked" : "database-full";

    public async Task<FaultOutcome> RunAsync(bool quick, TextWriter progress, CancellationToken ct)
    {
        var folder = Directory.CreateTempSubdirectory("solarhub-faults-db-").FullName;
        await SystemTool.RunAsync("mount", ["-t", "tmpfs", "-o", "size=16m", "tmpfs", folder], ct);
        try
        {
            var file = Path.Combine(folder, "solarhub.db");
            // History flushed every second: its writes fail with the change's during the fault, and must not disturb the banks.
            string hocon = Path.Combine(folder, "history.conf");
            await File.WriteAllTextAsync(hocon, "solarhub.history { sample-interval = 1s, flush-interval = 1s }\n", ct);
            await using var node = await NodeUnderTest.StartAsync(ct, file, arguments: ["--hocon", hocon]);
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(75) };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", node.ApiToken);
            var change = new Uri(node.Url, "/api/banks/demo-bank/adapters/secondary/disable");
            var hold = quick ? TimeSpan.FromSeconds(3) : TimeSpan.FromSeconds(8);

            if (fault == DatabaseFault.Locked) return await LockedAsync(node, http, change, file, hold, progress, ct);

            Fill(Path.Combine(folder, "filler"));
            var clock = Stopwatch.StartNew();
            using var during = await http.PostAsync(change, null, ct);
            var answered = clock.Elapsed;
            string duringBody = await during.Content.ReadAsStringAsync(ct);
            progress.WriteLine($"faults: {Fault}: the change answered {(int)during.StatusCode} after {answered.TotalSeconds:0.0} s: {OneLine(duringBody)}");

            var clearedAt = Stopwatch.StartNew();
            File.Delete(Path.Combine(folder, "filler"));
            // After the fault: the change is stored.
            HttpResponseMessage? after = null;
            while (clearedAt.Elapsed < TimeSpan.FromSeconds(30))
            {
                after?.Dispose();
                after = await http.PostAsync(change, null, ct);
                if (after.IsSuccessStatusCode) break;
                await Task.Delay(500, ct);
            }
            var recovery = clearedAt.Elapsed;
            bool storedAfter = after?.IsSuccessStatusCode == true;
            after?.Dispose();

            bool refusedClearly = (int)during.StatusCode == 503 && duringBody.Contains("full", StringComparison.OrdinalIgnoreCase) && answered < TimeSpan.FromSeconds(10);
            bool live = await node.AnswersAsync("/api/banks/demo-bank", ct);
            int traces = node.StackTraces();
            bool survived = refusedClearly && storedAfter && live && traces == 0;
            string note = $"during: {(int)during.StatusCode} in {answered.TotalSeconds:0.0} s ({OneLine(duringBody)}); after: {(storedAfter ? "stored" : "NOT stored")} " +
                $"{recovery.TotalSeconds:0.0} s after the fault cleared; {(live ? "banks live" : "banks NOT answering")}; node log {node.LogPath}";
            progress.WriteLine($"faults: {Fault}: {note}");
            return new FaultOutcome(Fault, answered, null, recovery, 0, null, traces, 0, survived, note);
        }
        finally
        {
            await SystemTool.RunAsync("umount", ["-l", folder], CancellationToken.None, mustSucceed: false);
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>The change is sent while another process holds the lock: it must wait and be stored once the lock is gone.</summary>
    private async Task<FaultOutcome> LockedAsync(NodeUnderTest node, HttpClient http, Uri change, string file, TimeSpan hold, TextWriter progress, CancellationToken ct)
    {
        var locked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = HoldLockAsync(file, hold, locked, ct);
        await locked.Task.WaitAsync(TimeSpan.FromSeconds(30), ct);
        var sent = Stopwatch.StartNew();
        var write = http.PostAsync(change, null, ct);
        var releasedAt = await release;
        using var answer = await write;
        var storedAt = sent.Elapsed;
        string body = await answer.Content.ReadAsStringAsync(ct);
        // Stored before the lock was released would mean the lock held nothing back: the row would prove nothing.
        // (The clocks start a moment apart: the lock's just before the change was sent.)
        bool waited = storedAt + TimeSpan.FromMilliseconds(100) >= releasedAt;
        var afterRelease = storedAt - releasedAt;
        bool live = await node.AnswersAsync("/api/banks/demo-bank", ct);
        int traces = node.StackTraces();
        bool survived = answer.IsSuccessStatusCode && waited && live && traces == 0;
        string note = $"sent during a {hold.TotalSeconds:0} s lock: {(int)answer.StatusCode} after {storedAt.TotalSeconds:0.0} s, " +
            (waited ? $"{afterRelease.TotalSeconds:0.0} s after the lock was released" : "BEFORE the lock was released") +
            $" ({OneLine(body)}); {(live ? "banks live" : "banks NOT answering")}; node log {node.LogPath}";
        progress.WriteLine($"faults: {Fault}: {note}");
        return new FaultOutcome(Fault, null, null, waited ? afterRelease : null, 0, null, traces, 0, survived, note);
    }

    /// <summary>A node's answer on one line, cut at 160 characters, for a row's note.</summary>
    internal static string OneLine(string text)
    {
        var line = text.ReplaceLineEndings(" ").Trim();
        return line.Length > 160 ? line[..160] + "..." : line;
    }

    /// <summary>Writes zeros until the filesystem is full.</summary>
    private static void Fill(string path)
    {
        var block = new byte[64 * 1024];
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.WriteThrough);
        try
        {
            while (true) stream.Write(block);
        }
        catch (IOException) { } // no space left: that is the point
        try { stream.Write(block.AsSpan(0, 1)); }
        catch (IOException) { }
    }

    /// <summary>
    /// Holds an exclusive lock on the SQLite file for <paramref name="hold"/>, as another process would; completes
    /// <paramref name="locked"/> once it holds it, and returns when (since it was locked) it let go.
    /// </summary>
    private static Task<TimeSpan> HoldLockAsync(string file, TimeSpan hold, TaskCompletionSource locked, CancellationToken ct) => Task.Run(async () =>
    {
        await using var connection = new SqliteConnection($"Data Source={file};Pooling=False");
        await connection.OpenAsync(ct);
        await using (var begin = connection.CreateCommand())
        {
            begin.CommandText = "BEGIN EXCLUSIVE";
            await begin.ExecuteNonQueryAsync(ct);
        }
        var held = Stopwatch.StartNew();
        locked.TrySetResult();
        await Task.Delay(hold, ct);
        await using var rollback = connection.CreateCommand();
        rollback.CommandText = "ROLLBACK";
        await rollback.ExecuteNonQueryAsync(ct);
        return held.Elapsed;
    }, ct);
}

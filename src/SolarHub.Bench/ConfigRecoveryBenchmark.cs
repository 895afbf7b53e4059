using System.Data.Common;
using System.Diagnostics;
using SolarHub.ConfigStore;
using SolarHub.Configuration;
using SolarHub.Database;

namespace SolarHub.Bench;

/// <summary>
/// How long a node takes at start-up to recover the configuration of many banks. Fills an empty database the way
/// day-to-day use does (one change set per bank: the bank and its two adapters, then a few priority swaps after the
/// last snapshot), then starts a fresh node and times it from start until the store answers with every bank.
/// Last line: <c>config-recovery: &lt;N&gt; banks in &lt;ms&gt; ms (&lt;events&gt; change sets, snapshot &lt;yes/no&gt;)</c>.
/// </summary>
public static class ConfigRecoveryBenchmark
{
    /// <summary>Change sets stored after the banks, so recovery replays events on top of the snapshot.</summary>
    private const int TrailingChangeSets = 5;

    /// <returns>The summary line (also printed last).</returns>
    public static async Task<string> RunAsync(int banks, ConfigDatabase db, TextWriter output, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(banks, 1);
        long stored;
        var fill = Stopwatch.StartNew();
        await using (var writer = await ConfigStoreSession.StartAsync(db, logging: null, ct))
        {
            var existing = await ConfigStoreClient.GetAsync(writer.Store, ct);
            if (existing.Version != 0)
                throw new InvalidOperationException($"config-recovery needs an empty database; {db.Description} holds version {existing.Version}");
            for (int i = 1; i <= banks; i++)
            {
                var id = BankId(i);
                await Expect(writer, [
                    new BankAdded(id, $"Bank {i}", [new PackConfig(1), new PackConfig(2), new PackConfig(3)]),
                    new AdapterAttached(id, new AdapterConfig("gateway", AdapterProtocol.JkPassive, new TcpTransport($"10.{i / 250 % 250}.{i % 250}.1", 8899), 1)),
                    new AdapterAttached(id, new AdapterConfig("usb", AdapterProtocol.JkActive, new SerialTransport($"/dev/serial/by-id/bank-{i}"), 2)),
                ], ct);
                if (i % 200 == 0) output.WriteLine($"config-recovery: stored {i} banks ({fill.ElapsedMilliseconds} ms)");
            }
            for (int i = 1; i <= TrailingChangeSets; i++)
            {
                var id = BankId(i);
                bool swap = i % 2 == 1;
                await Expect(writer, [
                    new AdapterPriorityChanged(id, "gateway", swap ? 2 : 1),
                    new AdapterPriorityChanged(id, "usb", swap ? 1 : 2),
                ], ct);
            }
            stored = (await ConfigStoreClient.GetAsync(writer.Store, ct)).Version;
            // The store saves snapshots in the background: wait (bounded) until the last one is in, as after a normal day.
            var expectedSnapshot = stored - TrailingChangeSets;
            expectedSnapshot -= expectedSnapshot % HubConfigStore.SnapshotEvery;
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
            while (expectedSnapshot > 0 && await LatestSnapshotAsync(db, ct) < expectedSnapshot && DateTime.UtcNow < deadline)
                await Task.Delay(50, ct);
        }
        output.WriteLine($"config-recovery: stored {banks} banks in {stored} change sets in {fill.ElapsedMilliseconds} ms on {db.Description}");

        long snapshotAt = await LatestSnapshotAsync(db, ct);
        var clock = Stopwatch.StartNew();
        StoredConfig recovered;
        long started;
        await using (var reader = await ConfigStoreSession.StartAsync(db, logging: null, ct))
        {
            started = clock.ElapsedMilliseconds;
            recovered = await ConfigStoreClient.GetAsync(reader.Store, ct);
            clock.Stop();
        }
        if (recovered.Config.Banks.Count != banks || recovered.Version != stored)
            throw new InvalidOperationException($"recovered {recovered.Config.Banks.Count} banks at version {recovered.Version}, expected {banks} at {stored}");

        output.WriteLine($"config-recovery: node started in {started} ms, store recovered {clock.ElapsedMilliseconds - started} ms later " +
            $"(snapshot at version {snapshotAt}, then {stored - snapshotAt} change sets replayed)");
        var summary = $"config-recovery: {banks} banks in {clock.ElapsedMilliseconds} ms ({stored} change sets, snapshot {(snapshotAt > 0 ? "yes" : "no")})";
        output.WriteLine(summary);
        return summary;
    }

    private static string BankId(int i) => $"bank-{i:0000}";

    private static async Task Expect(ConfigStoreSession session, IReadOnlyList<IConfigChange> changes, CancellationToken ct)
    {
        var answer = await ConfigStoreClient.ProposeAsync(session.Store, changes, "config-recovery benchmark", ct);
        if (answer is not ChangesAccepted { Stored: true })
            throw new InvalidOperationException($"the benchmark's change was not stored: {answer}");
    }

    /// <summary>The version of the newest snapshot in the database (0: none).</summary>
    private static async Task<long> LatestSnapshotAsync(ConfigDatabase db, CancellationToken ct)
    {
        await using var connection = db.CreateConnection();
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT MAX(sequence_number) FROM snapshot WHERE persistence_id = '{HubConfigStore.Id}'";
        try
        {
            return await command.ExecuteScalarAsync(ct) is { } value and not DBNull ? Convert.ToInt64(value) : 0;
        }
        catch (DbException)
        {
            return 0; // no snapshot table yet
        }
    }
}

using SolarHub.Bench.Cluster;
using SolarHub.ConfigStore;
using SolarHub.Configuration;
using SolarHub.Database;

namespace SolarHub.Bench.Faults;

/// <summary>
/// The MQTT broker killed and started again on the same port, under a node publishing its demo bank (a
/// <c>solarhub run</c> of its own, the broker set in its stored configuration). Recovery: from the broker listening
/// again to the node's first state publication of a pack and its Home Assistant discovery on it. Survived: back within
/// 30 s, announced online again, no stack trace in the node's log, the node's banks undisturbed (still answering).
/// </summary>
public sealed class MqttBrokerRestartScenario : IFaultScenario
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    public string Fault => "mqtt-broker-restart";

    public async Task<FaultOutcome> RunAsync(bool quick, TextWriter progress, CancellationToken ct)
    {
        var folder = Directory.CreateTempSubdirectory("solarhub-faults-mqtt-").FullName;
        var database = ConfigDatabase.Sqlite(Path.Combine(folder, "solarhub.db"));
        var broker = LocalBroker.Start();
        int port = broker.Port;
        const string Base = "faultsmqtt";
        try
        {
            await using (var session = await ConfigStoreSession.StartAsync(database, logging: null, ct))
                await ConfigStoreClient.ReplaceAsync(session.Store, HubConfig.Empty with { Mqtt = new MqttConfig("127.0.0.1", port, BaseTopic: Base, DiscoveryPrefix: "faultsha") }, "bench faults", ct);
            await using var node = await NodeUnderTest.StartAsync(ct, database.SqliteFile);
            string state = $"{Base}/demo-bank/pack1/state";
            await using (var before = await BrokerWatch.StartAsync("127.0.0.1", port, [$"{Base}/#"], ct))
                await before.WaitForAsync(state, _ => true, Patience, "the demo bank's state before the fault", ct);

            var killedAt = DateTimeOffset.Now;
            broker.Dispose();
            await Task.Delay(quick ? TimeSpan.FromSeconds(2) : TimeSpan.FromSeconds(10), ct);
            broker = LocalBroker.Start(port);
            var upAt = DateTimeOffset.Now;
            await using var after = await BrokerWatch.StartAsync("127.0.0.1", port, [$"{Base}/#", "faultsha/#"], ct);
            var first = await after.WaitForAsync(state, m => m.At >= upAt, Patience, "a state publication after the restart", ct);
            bool online = after.On($"{Base}/status").Any(m => m.Payload == "online")
                || (await TryWaitAsync(after, $"{Base}/status", m => m.Payload == "online", ct));
            bool discovery = after.All.Any(m => m.Topic.StartsWith("faultsha/", StringComparison.Ordinal));
            var recovery = first.At - upAt;
            bool alive = await node.AnswersAsync("/api/banks/demo-bank", ct);
            int traces = node.StackTraces();
            bool survived = recovery < Patience && online && discovery && alive && traces == 0;
            string note = $"broker down {(upAt - killedAt).TotalSeconds:0.0} s; state again {recovery.TotalSeconds:0.0} s after it listened; " +
                $"{(online ? "online" : "NOT online")}, {(discovery ? "discovery sent" : "NO discovery")}; node log {node.LogPath}";
            progress.WriteLine($"faults: mqtt broker restart: {note}");
            return new FaultOutcome(Fault, null, null, recovery, 0, null, traces, 0, survived, note);
        }
        finally
        {
            broker.Dispose();
        }
    }

    private static async Task<bool> TryWaitAsync(BrokerWatch watch, string topic, Func<BrokerMessage, bool> match, CancellationToken ct)
    {
        try
        {
            await watch.WaitForAsync(topic, match, TimeSpan.FromSeconds(5), "online", ct);
            return true;
        }
        catch (BenchException) { return false; }
    }
}

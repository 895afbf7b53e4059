using System.Globalization;
using System.Text.Json;
using SolarHub.Configuration;

namespace SolarHub.Bench.Cluster;

/// <summary>What a client of a node that does not run a bank saw of that bank's events (<see cref="ClusterBench.EventsAcrossAsync"/>).</summary>
/// <param name="Home">The node that runs the bank.</param>
/// <param name="Watcher">The node whose <c>/api/events</c> was read.</param>
/// <param name="PackEvents">The bank's pack telemetry events the watcher received, each naming <paramref name="Home"/>.</param>
/// <param name="Duplicates">Pack readings received more than once, by the watcher or by the home node's own client (must be 0).</param>
/// <param name="AdapterEvent">From the change that made the bank's adapter change state to the watcher receiving that event.</param>
/// <param name="LatencyHome">Median from a pack reading's time to a client of the home node receiving it.</param>
/// <param name="LatencyWatcher">The same for the watcher's client: the difference is the relay's cost.</param>
public sealed record EventsAcrossResult(string Home, string Watcher, int PackEvents, int Duplicates, TimeSpan AdapterEvent, TimeSpan LatencyHome,
    TimeSpan LatencyWatcher);

/// <summary>What the MQTT broker saw of a cluster (<see cref="ClusterBench.MqttOncePerClusterAsync"/>).</summary>
/// <param name="Publications">Publications of one pack's state topic within <paramref name="Window"/>.</param>
/// <param name="Repeated">Publications that repeated a reading already published (same <c>updated_at</c>): must be 0.</param>
/// <param name="Killed">The node that ran the MQTT singleton, killed with SIGKILL.</param>
/// <param name="Resumed">From the kill to the first publication of that topic from another node.</param>
/// <param name="Successor">The node that runs the singleton afterwards.</param>
/// <param name="Rediscovered">Home Assistant discovery was sent again after the kill.</param>
/// <param name="Left">The node that ran the singleton next, then left gracefully (SIGTERM).</param>
/// <param name="LeaveGap">The longest silence of a pack's state topic (of a bank on another node) around that leave.</param>
public sealed record MqttClusterResult(int Publications, int Repeated, TimeSpan Window, string Killed, TimeSpan Resumed, string Successor, bool Rediscovered,
    string Left, TimeSpan LeaveGap);

// The cluster-wide outputs: /api/events of every node and MQTT once per cluster (issue 11, item 4).
public sealed partial class ClusterBench
{
    private static readonly TimeSpan MqttWindow = TimeSpan.FromSeconds(6);

    /// <summary>
    /// Reads <c>/api/events</c> of a node that does not run <see cref="TcpBank"/> (and of the one that does): its pack
    /// telemetry arrives, naming its node, each reading once; an adapter added to the bank at a refused port changes state,
    /// and that event arrives too. The configuration is restored afterwards.
    /// </summary>
    public async Task<EventsAcrossResult> EventsAcrossAsync(CancellationToken ct)
    {
        var home = await NodeOfAsync(TcpBank, ct);
        var watcher = Site.Nodes.First(n => n != home && n.IsRunning);
        var query = $"/api/events?bank={TcpBank}";
        await using var remote = await EventStreamWatch.OpenAsync(new Uri(watcher.Url, query), ct);
        await using var local = await EventStreamWatch.OpenAsync(new Uri(home.Url, query), ct);

        await remote.WaitForAsync(e => e.Kind == "pack-telemetry", TimeSpan.FromSeconds(15), $"'{TcpBank}' pack telemetry on {watcher.Name}", ct);
        var stored = await Site.LoadAsync(ct);
        var probe = new AdapterConfig("probe", AdapterProtocol.JkPassive, new TcpTransport("127.0.0.1", LoopbackPort.Free()), Priority: 9);
        await Site.StoreAsync(stored with { Banks = [.. stored.Banks.Select(b => b.Id == TcpBank ? b with { Adapters = [.. b.Adapters, probe] } : b)] }, ct);
        var storedAt = DateTimeOffset.Now;
        try
        {
            var changed = await remote.WaitForAsync(e => e.Kind == "adapter-state" && e.Text("adapterId") == probe.Id, Patience,
                $"'{TcpBank}' adapter '{probe.Id}' changing state, on {watcher.Name}", ct);
            // A few more readings, for the duplicates and the latencies.
            int seen = remote.All.Count(e => e.Kind == "pack-telemetry");
            await remote.WaitForAsync(_ => remote.All.Count(e => e.Kind == "pack-telemetry") >= seen + 9, TimeSpan.FromSeconds(15), "9 more pack readings", ct);

            var packs = remote.All.Where(e => e.Kind == "pack-telemetry").ToList();
            var foreign = packs.Where(e => e.Text("node") != home.Name).Select(e => e.Text("node")).Distinct().ToList();
            if (foreign.Count > 0 || changed.Text("node") != home.Name)
                throw new BenchException($"events of '{TcpBank}' (run by {home.Name}) named node(s) {string.Join(", ", foreign.Append(changed.Text("node")))}");
            int duplicates = Duplicates(packs) + Duplicates(local.All.Where(e => e.Kind == "pack-telemetry").ToList());
            var result = new EventsAcrossResult(home.Name, watcher.Name, packs.Count, duplicates, changed.At - storedAt, MedianLatency(local.All), MedianLatency(remote.All));
            _output.WriteLine($"cluster: events: {watcher.Name}'s /api/events carried {result.PackEvents} pack readings of '{TcpBank}' (run by {home.Name}), " +
                $"{duplicates} twice; the adapter event {result.AdapterEvent.TotalSeconds:0.00} s after the change; reading to client median " +
                $"{result.LatencyHome.TotalMilliseconds:0} ms on {home.Name}, {result.LatencyWatcher.TotalMilliseconds:0} ms on {watcher.Name}");
            return result;
        }
        finally
        {
            await Site.StoreAsync(stored, ct);
        }
    }

    /// <summary>
    /// With MQTT in the stored configuration (broker on 127.0.0.1:<paramref name="brokerPort"/>): the publications of one
    /// pack's state topic over <see cref="MqttWindow"/> (once per reading: one bridge for the cluster), then kill -9 of the
    /// node that runs the MQTT singleton and the time until that topic is published again from another node; then a
    /// graceful leave of the node that took it over, and the longest silence of a pack's topic around it. The packs
    /// belong to banks of other nodes where there is one, so the figures are the singleton's moves, not a bank's. The configuration is
    /// restored and the nodes started again afterwards.
    /// </summary>
    public async Task<MqttClusterResult> MqttOncePerClusterAsync(int brokerPort, CancellationToken ct)
    {
        var stored = await Site.LoadAsync(ct);
        var baseTopic = "cluster" + Guid.NewGuid().ToString("N")[..8];
        var discovery = baseTopic + "-ha";
        await using var broker = await BrokerWatch.StartAsync("127.0.0.1", brokerPort, [baseTopic + "/#", discovery + "/#"], ct);
        await Site.StoreAsync(stored with { Mqtt = new MqttConfig("127.0.0.1", brokerPort, BaseTopic: baseTopic, DiscoveryPrefix: discovery) }, ct);
        try
        {
            var singleton = await SingletonNodeAsync(exclude: null, ct);
            var topic = $"{baseTopic}/{await BankToWatchAsync(singleton, ct)}/pack1/state";
            await broker.WaitForAsync(topic, _ => true, TimeSpan.FromSeconds(30), "the first publication", ct);

            // A window of measurement, not a wait for something: the publications are counted over it.
            var from = DateTimeOffset.Now;
            await Task.Delay(MqttWindow, ct);
            var inWindow = broker.On(topic).Where(m => m.At >= from && m.At < from + MqttWindow).ToList();
            int repeated = inWindow.Count - inWindow.Select(m => UpdatedAt(m.Payload)).Distinct().Count();

            var killedAt = DateTimeOffset.Now;
            await singleton.KillAsync();
            // Anything the killed node had sent is in the broker well within a second on loopback.
            var resumed = await broker.WaitForAsync(topic, m => m.At > killedAt + TimeSpan.FromSeconds(1), Patience, "a publication from another node", ct);
            var successor = await SingletonNodeAsync(exclude: singleton, ct);
            bool rediscovered = broker.All.Any(m => m.At > killedAt && m.Topic.StartsWith(discovery + "/", StringComparison.Ordinal));
            _output.WriteLine($"cluster: mqtt: {inWindow.Count} publications of {topic} in {MqttWindow.TotalSeconds:0} s ({repeated} repeated a reading); " +
                $"killed {singleton.Name} running the MQTT output; publications resumed from {successor.Name} after {(resumed.At - killedAt).TotalSeconds:0.0} s" +
                (rediscovered ? ", discovery sent again" : ", NO discovery sent again"));

            // The same output leaves gracefully: the singleton hands over once it has stopped.
            await RestartAsync(singleton, ct);
            var leaving = await SingletonNodeAsync(exclude: null, ct);
            var leaveTopic = $"{baseTopic}/{await BankToWatchAsync(leaving, ct)}/pack1/state";
            var leftAt = DateTimeOffset.Now;
            await broker.WaitForAsync(leaveTopic, m => m.At > leftAt, TimeSpan.FromSeconds(15), "a publication before the leave", ct);
            leftAt = DateTimeOffset.Now;
            await leaving.LeaveAsync(TimeSpan.FromSeconds(30));
            var goneAt = DateTimeOffset.Now;
            var after = await broker.WaitForAsync(leaveTopic, m => m.At > goneAt + TimeSpan.FromSeconds(1), Patience, "a publication after the leave", ct);
            var around = broker.On(leaveTopic).Where(m => m.At >= leftAt - TimeSpan.FromSeconds(2) && m.At <= after.At).Select(m => m.At).ToList();
            var leaveGap = around.Zip(around.Skip(1), (a, b) => b - a).DefaultIfEmpty(TimeSpan.Zero).Max();
            _output.WriteLine($"cluster: mqtt: {leaving.Name} running the MQTT output left; longest silence of {leaveTopic} {leaveGap.TotalSeconds:0.00} s");
            return new MqttClusterResult(inWindow.Count, repeated, MqttWindow, singleton.Name, resumed.At - killedAt, successor.Name, rediscovered,
                leaving.Name, leaveGap);
        }
        finally
        {
            await Site.StoreAsync(stored, ct);
            foreach (var node in Site.Nodes.Where(n => !n.IsRunning).ToList()) await RestartAsync(node, ct);
        }
    }

    /// <summary>
    /// A bank that does not run on <paramref name="node"/>, so that its publications do not stop when that node goes.
    /// Shards do not move back to a node that rejoins, so after a kill and a restart every bank can sit on one node:
    /// then one of its banks is watched and the line says so (its own move is under 2 s: the graceful-leave test).
    /// </summary>
    private async Task<string> BankToWatchAsync(ClusterNodeProcess node, CancellationToken ct)
    {
        foreach (var bank in new[] { TcpBank, LeaveBank, ActiveBank })
            if (await NodeOfAsync(bank, ct) != node) return bank;
        _output.WriteLine($"cluster: mqtt: every TCP bank runs on {node.Name}; watching '{TcpBank}', which moves with it");
        return TcpBank;
    }

    /// <summary>The running node whose actor tree holds the MQTT singleton (<c>/user/solarhub-mqtt/solarhub-mqtt</c>: the manager and its one child).</summary>
    private async Task<ClusterNodeProcess> SingletonNodeAsync(ClusterNodeProcess? exclude, CancellationToken ct)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + Patience;
        while (DateTime.UtcNow < deadline)
        {
            foreach (var node in Site.Nodes.Where(n => n.IsRunning && n != exclude))
            {
                try
                {
                    using var json = JsonDocument.Parse(await http.GetStringAsync(new Uri(node.Url, "/api/actors"), ct));
                    if (HasPath(json.RootElement, "/user/solarhub-mqtt/solarhub-mqtt")) return node;
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException) { ct.ThrowIfCancellationRequested(); }
            }
            await Task.Delay(200, ct);
        }
        throw new BenchException($"no node runs the MQTT singleton after {Patience.TotalSeconds:0} s");
    }

    private static bool HasPath(JsonElement e, string path) => e.ValueKind switch
    {
        JsonValueKind.Object => e.EnumerateObject().Any(p => (p.NameEquals("path") && p.Value.ValueKind == JsonValueKind.String
            && p.Value.GetString()!.EndsWith(path, StringComparison.Ordinal)) || HasPath(p.Value, path)),
        JsonValueKind.Array => e.EnumerateArray().Any(i => HasPath(i, path)),
        _ => false,
    };

    private static string UpdatedAt(string payload)
    {
        using var json = JsonDocument.Parse(payload);
        return json.RootElement.TryGetProperty("updated_at", out var at) ? at.ToString() : payload;
    }

    private static int Duplicates(IReadOnlyList<ReceivedEvent> packs) =>
        packs.Count - packs.Select(e => (e.Data.GetProperty("address").GetInt32(), e.Text("updatedAt"))).Distinct().Count();

    private static TimeSpan MedianLatency(IReadOnlyList<ReceivedEvent> events)
    {
        var latencies = events.Where(e => e.Kind == "pack-telemetry" && e.Text("updatedAt") is not null)
            .Select(e => e.At - DateTimeOffset.Parse(e.Text("updatedAt")!, CultureInfo.InvariantCulture)).Order().ToList();
        return latencies.Count == 0 ? TimeSpan.Zero : latencies[latencies.Count / 2];
    }
}

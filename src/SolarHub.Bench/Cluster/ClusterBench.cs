using SolarHub.Configuration;
using SolarHub.Simulator;
using SolarHub.Simulator.Transports;

namespace SolarHub.Bench.Cluster;

/// <summary>Figures of <c>solarhub bench cluster</c>, in seconds.</summary>
/// <param name="NodeLoss">kill -9 of the node running a TCP bank, to fresh telemetry from another node.</param>
/// <param name="SerialNodeLoss">kill -9 of the node a bank's preferred serial adapter is attached to, to fresh telemetry through the standby on another node.</param>
/// <param name="Failback">That node back (HTTP up), to its adapter active again (includes the failback hold-down).</param>
/// <param name="LeaveGap">The longest data gap of a bank whose node leaves gracefully (SIGTERM).</param>
/// <param name="ConfigReach">A bank added with the configuration store, to every node listing it.</param>
/// <param name="ActiveOverlaps">Polls of an active bus from a node that had been frozen after another node took the bus over (must be 0).</param>
/// <param name="WriterLoss">kill -9 of the node that writes the configuration journal, to the next change acknowledged through another node.</param>
/// <param name="LostChanges">Acknowledged changes missing from the stored configuration after that (must be 0).</param>
/// <param name="EventsAcross">Median from a pack reading to a <c>/api/events</c> client of a node that does not run the bank, in ms.</param>
/// <param name="MqttResume">kill -9 of the node running the MQTT output, to the next publication from another node.</param>
/// <param name="MqttRepeats">Readings the broker received more than once (must be 0: one output per cluster).</param>
public sealed record ClusterResult(double NodeLoss, double SerialNodeLoss, double Failback, double LeaveGap, double ConfigReach, int ActiveOverlaps,
    double WriterLoss, int LostChanges, double EventsAcross, double MqttResume, int MqttRepeats)
{
    public string Summary =>
        $"cluster: node loss {NodeLoss:0.0} s, serial node loss {SerialNodeLoss:0.0} s, failback {Failback:0.0} s, leave gap {LeaveGap:0.00} s, " +
        $"config reach {ConfigReach:0.00} s, active overlaps {ActiveOverlaps}, writer loss {WriterLoss:0.0} s, lost changes {LostChanges}, " +
        $"events across {EventsAcross:0.0} ms, mqtt resume {MqttResume:0.0} s, mqtt repeats {MqttRepeats}";
}

/// <summary>
/// <c>solarhub bench cluster</c>: three nodes on 127.0.0.1 (<see cref="ClusterSite"/>), a bank on a simulated TCP
/// gateway, a bank with two serial adapters (socat ptys) attached to n2 (priority 1) and n3 (priority 2), and a bank
/// that sees its node leave. Each scenario is a separate method so the tests run them one by one.
/// </summary>
public sealed partial class ClusterBench : IAsyncDisposable
{
    public const string TcpBank = "tcp-bank";
    public const string SerialBank = "serial-bank";
    public const string LeaveBank = "leave-bank";
    public const string ActiveBank = "active-bank";
    public const string ConfigBank = "config-bank";
    private static readonly string[] ConfigAdapters = [.. Enumerable.Range(1, 9).Select(i => $"gw-{i}")];
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private static readonly SimulatorOptions Bus = new() { Packs = 3, FirstAddress = 1, Seed = 7 };

    private readonly TextWriter _output;
    private readonly List<IAsyncDisposable> _owned = [];
    private TcpGatewaySimulator _activeGateway = null!;

    private ClusterBench(ClusterSite site, TextWriter output)
    {
        Site = site;
        _output = output;
    }

    public ClusterSite Site { get; }

    public static async Task<ClusterResult> RunAsync(string? database, TextWriter output, CancellationToken ct)
    {
        await using var bench = await StartAsync(database, output, ct);
        var nodeLoss = await bench.NodeLossAsync(ct);
        var (serial, failback) = await bench.SerialNodeLossAsync(ct);
        var leave = await bench.LeaveAsync(ct);
        var reach = await bench.ConfigReachAsync(ct);
        var overlaps = await bench.ActiveNeverTwiceAsync(ct);
        var (lost, writerLoss, _) = await bench.WriterLossAsync(ct);
        var events = await bench.EventsAcrossAsync(ct);
        using var broker = LocalBroker.Start();
        var mqtt = await bench.MqttOncePerClusterAsync(broker.Port, ct);
        return new ClusterResult(nodeLoss.TotalSeconds, serial.TotalSeconds, failback.TotalSeconds, leave.TotalSeconds, reach.TotalSeconds, overlaps,
            writerLoss.TotalSeconds, lost, events.LatencyWatcher.TotalMilliseconds, mqtt.Resumed.TotalSeconds, mqtt.Repeated);
    }

    /// <summary>Starts the gateways, the ptys, the three nodes, stores the three banks and waits until each is healthy.</summary>
    public static async Task<ClusterBench> StartAsync(string? database, TextWriter output, CancellationToken ct, IReadOnlyList<string>? extraRunArgs = null)
    {
        var site = await ClusterSite.StartAsync(database, output, ct, extraRunArgs);
        var bench = new ClusterBench(site, output);
        try
        {
            var tcp = bench.Own(new TcpGatewaySimulator(Bus));
            var leave = bench.Own(new TcpGatewaySimulator(Bus));
            var active = bench._activeGateway = bench.Own(new TcpGatewaySimulator(Bus with { Master = false }));
            var config = bench.Own(new TcpGatewaySimulator(Bus));
            config.Start();
            tcp.Start();
            leave.Start();
            active.Start();
            var ptyA = bench.Own(await PtyPair.StartAsync());
            var ptyB = bench.Own(await PtyPair.StartAsync());
            bench.Own(new SerialBusSimulator(ptyA.A, Bus)).Start();
            bench.Own(new SerialBusSimulator(ptyB.A, Bus)).Start();

            var packs = Enumerable.Range(1, 3).Select(a => new PackConfig((byte)a)).ToList();
            AdapterConfig Tcp(string id, TcpGatewaySimulator gateway) =>
                new(id, AdapterProtocol.JkPassive, new TcpTransport("127.0.0.1", gateway.LocalEndPoint.Port));
            await site.StoreAsync(HubConfig.Empty with
            {
                Banks =
                [
                    new BankConfig(TcpBank, "TCP bank", packs, [Tcp("gw", tcp)]),
                    new BankConfig(SerialBank, "Serial bank", packs,
                    [
                        new AdapterConfig("usb-a", AdapterProtocol.JkPassive, new SerialTransport(ptyA.B, 115200), Priority: 1) { Node = "n2" },
                        new AdapterConfig("usb-b", AdapterProtocol.JkPassive, new SerialTransport(ptyB.B, 115200), Priority: 2) { Node = "n3" },
                    ]),
                    new BankConfig(LeaveBank, "Leave bank", packs, [Tcp("gw", leave)]),
                    new BankConfig(ActiveBank, "Active bank", packs, [Tcp("poller", active) with { Protocol = AdapterProtocol.JkActive }]),
                    new BankConfig(ConfigBank, "Config bank", packs, [.. ConfigAdapters.Select((id, i) => Tcp(id, config) with { Priority = i + 1 })]),
                ],
            }, ct);
            foreach (var bank in new[] { TcpBank, LeaveBank, ActiveBank, ConfigBank })
                await site.WaitForBankAsync(bank, v => v.State == "Healthy", Patience, "healthy", ct);
            await site.WaitForBankAsync(SerialBank, v => v.State == "Healthy" && v.ActiveAdapter == "usb-a", Patience, "healthy on usb-a", ct);
            output.WriteLine("cluster: three banks healthy");
        }
        catch
        {
            await bench.DisposeAsync();
            throw;
        }
        return bench;
    }

    /// <summary>kill -9 of the node running <see cref="TcpBank"/>: the time to fresh telemetry from another node.</summary>
    public async Task<TimeSpan> NodeLossAsync(CancellationToken ct)
    {
        var victim = await NodeOfAsync(TcpBank, ct);
        var killedAt = DateTimeOffset.Now;
        await victim.KillAsync();
        var back = await Site.WaitForBankAsync(TcpBank, v => v.Node is { } n && n != victim.Name && v.NewestReading > killedAt, Patience, "fresh data from another node", ct);
        var took = DateTimeOffset.Now - killedAt;
        _output.WriteLine($"cluster: node loss: killed {victim.Name} running '{TcpBank}'; fresh data from {back.Node} after {took.TotalSeconds:0.0} s");
        await RestartAsync(victim, ct);
        return took;
    }

    /// <summary>
    /// kill -9 of n2, where the preferred serial adapter of <see cref="SerialBank"/> is attached: the time to fresh
    /// telemetry through the standby on n3; then n2 again, and the time from its HTTP being up to the failback.
    /// </summary>
    public async Task<(TimeSpan Failover, TimeSpan Failback)> SerialNodeLossAsync(CancellationToken ct)
    {
        await Site.WaitForBankAsync(SerialBank, v => v.ActiveAdapter == "usb-a" && v.State == "Healthy", Patience, "usb-a active", ct);
        var victim = Site.Node("n2");
        var killedAt = DateTimeOffset.Now;
        await victim.KillAsync();
        await Site.WaitForBankAsync(SerialBank, v => v.ActiveAdapter == "usb-b" && v.NewestReading > killedAt, Patience, "fresh data through usb-b", ct);
        var failover = DateTimeOffset.Now - killedAt;
        _output.WriteLine($"cluster: serial node loss: killed n2; fresh data through usb-b (n3) after {failover.TotalSeconds:0.0} s");

        var upAt = await Site.RejoinAsync(victim, ct);
        await Site.WaitForBankAsync(SerialBank, v => v.ActiveAdapter == "usb-a" && v.NewestReading > upAt, Patience, "failback to usb-a", ct);
        var failback = DateTimeOffset.Now - upAt;
        _output.WriteLine($"cluster: n2 back; failback to usb-a after {failback.TotalSeconds:0.0} s");
        return (failover, failback);
    }

    /// <summary>SIGTERM to the node running <see cref="LeaveBank"/>: the longest gap between fresh readings around the move.</summary>
    public async Task<TimeSpan> LeaveAsync(CancellationToken ct)
    {
        var victim = await NodeOfAsync(LeaveBank, ct);
        var watcher = Site.Nodes.First(n => n != victim);
        using var sampling = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var readings = SampleReadingsAsync(watcher, sampling.Token);
        await Task.Delay(TimeSpan.FromSeconds(2), ct);
        var leftAt = DateTimeOffset.Now;
        await victim.LeaveAsync(TimeSpan.FromSeconds(30));
        var moved = await Site.WaitForBankAsync(LeaveBank, v => v.Node is { } n && n != victim.Name && v.NewestReading > leftAt, Patience, "fresh data from another node", ct, watcher);
        await Task.Delay(TimeSpan.FromSeconds(2), ct);
        await sampling.CancelAsync();
        var seen = await readings;
        var gap = seen.Zip(seen.Skip(1), (a, b) => b - a).DefaultIfEmpty(TimeSpan.Zero).Max();
        _output.WriteLine($"cluster: leave: {victim.Name} left; '{LeaveBank}' continued on {moved.Node}, longest data gap {gap.TotalSeconds:0.00} s");
        await RestartAsync(victim, ct);
        return gap;
    }

    /// <summary>
    /// The node polling <see cref="ActiveBank"/>'s bus stands still (SIGSTOP) until the cluster downs it and the bank polls
    /// from another node; then it runs on (SIGCONT). Returns the polls the bus received from an earlier connection after
    /// a later one had polled: two masters at once (must be 0). The frozen node must find out it was removed and exit.
    /// </summary>
    public async Task<int> ActiveNeverTwiceAsync(CancellationToken ct)
    {
        var polls = new System.Collections.Concurrent.ConcurrentQueue<long>();
        _activeGateway.PollFromClient += polls.Enqueue;
        try
        {
            var victim = await NodeOfAsync(ActiveBank, ct);
            var frozenAt = DateTimeOffset.Now;
            await victim.FreezeAsync();
            BankView moved;
            try
            {
                moved = await Site.WaitForBankAsync(ActiveBank, v => v.Node is { } n && n != victim.Name && v.NewestReading > frozenAt, Patience, "polled from another node", ct);
            }
            catch
            {
                // Leave no node standing still behind for the scenarios that follow.
                await victim.ThawAsync();
                await victim.KillAsync();
                using var rejoin = new CancellationTokenSource(TimeSpan.FromMinutes(2));
                await Site.RejoinAsync(victim, rejoin.Token);
                throw;
            }
            _output.WriteLine($"cluster: active: froze {victim.Name}; '{ActiveBank}' polled from {moved.Node} after {(DateTimeOffset.Now - frozenAt).TotalSeconds:0.0} s");
            await victim.ThawAsync();
            var exit = await victim.WaitForExitAsync(TimeSpan.FromSeconds(30));
            _output.WriteLine($"cluster: active: {victim.Name} thawed, {(exit is { } code ? $"exited with {code}" : "still running after 30 s")}");
            await Task.Delay(TimeSpan.FromSeconds(2), ct);
            int overlaps = 0;
            long newest = 0;
            foreach (var connection in polls)
            {
                if (connection < newest) overlaps++;
                newest = Math.Max(newest, connection);
            }
            _output.WriteLine($"cluster: active: {polls.Count} polls from {polls.Distinct().Count()} connection(s), {overlaps} from an older master after a newer one");
            if (victim.IsRunning) await victim.KillAsync();
            await RestartAsync(victim, ct);
            return overlaps;
        }
        finally
        {
            _activeGateway.PollFromClient -= polls.Enqueue;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Site.DisposeAsync();
        foreach (var owned in Enumerable.Reverse(_owned)) await owned.DisposeAsync();
    }

    private async Task<List<DateTimeOffset>> SampleReadingsAsync(ClusterNodeProcess via, CancellationToken ct)
    {
        var seen = new List<DateTimeOffset>();
        try
        {
            while (true)
            {
                if (await Site.BankAsync(via, LeaveBank, ct) is { NewestReading: { } at } && (seen.Count == 0 || at > seen[^1])) seen.Add(at);
                await Task.Delay(50, ct);
            }
        }
        catch (OperationCanceledException) { }
        return seen;
    }

    private async Task<ClusterNodeProcess> NodeOfAsync(string bankId, CancellationToken ct)
    {
        var view = await Site.WaitForBankAsync(bankId, v => v.State == "Healthy" && v.Node is not null, Patience, "healthy", ct);
        return Site.Node(view.Node!);
    }

    /// <summary>Starts a node that was killed or left again, and waits until the cluster is whole.</summary>
    public async Task RestartAsync(ClusterNodeProcess node, CancellationToken ct)
    {
        await Site.RejoinAsync(node, ct);
        // Let sharding settle after the join.
        await Task.Delay(TimeSpan.FromSeconds(2), ct);
    }

    private T Own<T>(T resource) where T : IAsyncDisposable
    {
        _owned.Add(resource);
        return resource;
    }
}

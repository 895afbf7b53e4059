using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Akka.Actor;
using Akka.Configuration;
using MQTTnet;
using SolarHub.Configuration;
using SolarHub.Core.Telemetry;
using SolarHub.Mqtt;
using SolarHub.Mqtt.Bridge;

namespace SolarHub.Bench;

/// <summary>Figures of <c>solarhub bench mqtt</c>.</summary>
public sealed record MqttBenchResult(int Banks, double StatesPerSecond, double ExpectedPerSecond, double FedPerSecond, int DiscoveryConfigs,
    TimeSpan DiscoveryTime, Percentiles Lag, double CpuShare)
{
    public string Summary =>
        $"mqtt: {Banks} banks: {BenchFormat.Integer(StatesPerSecond)} state messages/s received (expected {BenchFormat.Integer(ExpectedPerSecond)}) " +
        $"from {BenchFormat.Integer(FedPerSecond)} telemetry events/s, {DiscoveryConfigs} discovery configs in {BenchFormat.Number(DiscoveryTime.TotalSeconds, 2)} s, " +
        $"pack state age p50 {BenchFormat.Milliseconds(Lag[50])} ms p99 {BenchFormat.Milliseconds(Lag[99])} ms, " +
        $"CPU {BenchFormat.Number(CpuShare * 100)} % of a core";
}

/// <summary>
/// <c>solarhub bench mqtt</c>: N banks of 3 packs (16 cells) feed the MQTT bridge at the JK pace (each pack 8 frames/s,
/// each bank's totals once a second) through the event stream, as real banks do; a subscriber on the broker counts
/// what arrives. Measures: discovery of every entity after connecting, state messages per second (one per topic per
/// publish interval is the design), how old a pack's values are when they reach the subscriber (up to one publish
/// interval by design), and the CPU this process used (bridge, feeder and subscriber together).
/// </summary>
public static class MqttBench
{
    private const int PacksPerBank = 3;
    private static readonly TimeSpan FramePeriod = TimeSpan.FromMilliseconds(125);

    public static async Task<MqttBenchResult> RunAsync(int banks, TimeSpan duration, TimeSpan interval, string? brokerOption, TextWriter output, CancellationToken ct)
    {
        using var broker = brokerOption is null ? LocalBroker.Start() : null;
        var (host, port) = broker is not null ? ("127.0.0.1", broker.Port) : ParseBroker(brokerOption!);
        output.WriteLine($"mqtt: broker {host}:{port}{(broker is null ? "" : " (a mosquitto of this bench)")}, {banks} banks of {PacksPerBank} packs, publish interval {interval.TotalMilliseconds:0} ms");

        var baseTopic = $"bench{Guid.NewGuid():N}"[..13];
        var mqtt = new MqttConfig(host, port, BaseTopic: baseTopic, ClientId: $"solarhub-bench-{Environment.ProcessId}", DiscoveryPrefix: $"{baseTopic}-ha");
        var bankConfigs = Enumerable.Range(0, banks).Select(i => new BankConfig($"bank-{i:0000}", $"Bank {i}",
            Enumerable.Range(1, PacksPerBank).Select(a => new PackConfig((byte)a)).ToList(), [])).ToList();

        var counter = new Counter();
        using var subscriber = new MqttClientFactory().CreateMqttClient();
        subscriber.ApplicationMessageReceivedAsync += e =>
        {
            counter.Received(e.ApplicationMessage, baseTopic);
            return Task.CompletedTask;
        };
        try
        {
            await subscriber.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer(host, port).WithClientId($"solarhub-bench-watch-{Environment.ProcessId}").Build(), ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new BenchException($"cannot connect to the broker at {host}:{port}: {e.GetBaseException().Message}", e);
        }
        await subscriber.SubscribeAsync(new MqttClientFactory().CreateSubscribeOptionsBuilder()
            .WithTopicFilter($"{baseTopic}/#").WithTopicFilter($"{baseTopic}-ha/#").Build(), ct);

        using var system = ActorSystem.Create("bench-mqtt", ConfigurationFactory.ParseString("akka.loglevel = WARNING\nakka.log-dead-letters = off"));
        var timings = MqttTimings.Default with { PublishInterval = interval };
        var started = Stopwatch.StartNew();
        system.ActorOf(MqttBridge.Props(mqtt, bankConfigs, timings), "mqtt");
        using var feeding = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var feeder = Task.Run(() => FeedAsync(system, bankConfigs, counter, feeding.Token), CancellationToken.None);

        int expectedConfigs = banks * (14 + PacksPerBank * 33);
        while (counter.DiscoveryConfigs < expectedConfigs)
        {
            if (started.Elapsed > TimeSpan.FromSeconds(60))
                throw new BenchException($"only {counter.DiscoveryConfigs} of {expectedConfigs} discovery configs arrived within 60 s");
            await Task.Delay(10, ct);
        }
        var discoveryTime = started.Elapsed;
        output.WriteLine($"mqtt: {expectedConfigs} discovery configs received {discoveryTime.TotalSeconds:0.00} s after start (incl. connecting)");

        await Task.Delay(TimeSpan.FromSeconds(2), ct); // warm-up: every topic publishing
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var (statesBefore, fedBefore) = (counter.States, counter.Fed);
        counter.StartLagSamples();
        var measured = Stopwatch.StartNew();
        while (measured.Elapsed < duration)
        {
            await Task.Delay(TimeSpan.FromSeconds(1), ct);
            output.WriteLine($"mqtt: {measured.Elapsed.TotalSeconds,4:0} s  {BenchFormat.Integer((counter.States - statesBefore) / measured.Elapsed.TotalSeconds)} state messages/s");
        }
        var seconds = measured.Elapsed.TotalSeconds;
        var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds / seconds;
        var states = (counter.States - statesBefore) / seconds;
        var fed = (counter.Fed - fedBefore) / seconds;
        var lag = new Percentiles(counter.StopLagSamples());
        await feeding.CancelAsync();
        await feeder;
        await subscriber.DisconnectAsync(cancellationToken: CancellationToken.None);
        await system.Terminate();

        // One publish per topic per interval, but never more than the topic's telemetry: 8 frames/s a pack, 1 total/s a bank.
        double perSecond = 1 / interval.TotalSeconds;
        double expected = banks * (PacksPerBank * Math.Min(perSecond, 1 / FramePeriod.TotalSeconds) + Math.Min(perSecond, 1));
        return new MqttBenchResult(banks, states, expected, fed, expectedConfigs, discoveryTime, lag, cpu);
    }

    private static async Task FeedAsync(ActorSystem system, IReadOnlyList<BankConfig> banks, Counter counter, CancellationToken ct)
    {
        var cells = Enumerable.Range(0, 16).Select(i => 3.3 + i * 0.001).ToArray();
        var nextTotals = Stopwatch.GetTimestamp();
        using var timer = new PeriodicTimer(FramePeriod);
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                var now = DateTimeOffset.UtcNow;
                foreach (var bank in banks)
                    foreach (var pack in bank.Packs)
                        system.EventStream.Publish(new PackTelemetry(bank.Id, pack.Address, "gw", now, false, cells, 3.3, 3.315, 0.015, 53.2, -12.5, -665,
                            80, 99, 224, 280, 42, 31.5, [24.1, 25.3], [], false, true, false));
                counter.Fed += banks.Count * PacksPerBank;
                if (Stopwatch.GetTimestamp() < nextTotals) continue;
                nextTotals += Stopwatch.Frequency;
                foreach (var bank in banks)
                    system.EventStream.Publish(new BankTelemetry(bank.Id, now, BankState.Healthy, "gw", PacksPerBank, PacksPerBank, false,
                        53.2, -37.5, -1995, 80, 672, 840, 3.3, 3.315, 24.1, 25.3, []));
                counter.Fed += banks.Count;
            }
        }
        catch (OperationCanceledException) { }
    }

    /// <summary>Counts on the subscriber's thread; read by the bench loop.</summary>
    private sealed class Counter
    {
        private readonly Lock _gate = new();
        private List<TimeSpan>? _lags;
        private long _states, _discovery, _fed;

        public long States => Interlocked.Read(ref _states);
        public long DiscoveryConfigs => Interlocked.Read(ref _discovery);
        public long Fed { get => Interlocked.Read(ref _fed); set => Interlocked.Exchange(ref _fed, value); }

        public void StartLagSamples() { lock (_gate) _lags = []; }

        public List<TimeSpan> StopLagSamples() { lock (_gate) { var lags = _lags ?? []; _lags = null; return lags; } }

        public void Received(MqttApplicationMessage message, string baseTopic)
        {
            var topic = message.Topic;
            if (!topic.StartsWith(baseTopic + "/", StringComparison.Ordinal))
            {
                if (message.Payload.Length > 0) Interlocked.Increment(ref _discovery);
                return;
            }
            if (!topic.EndsWith("/state", StringComparison.Ordinal)) return;
            Interlocked.Increment(ref _states);
            if (!topic.Contains("/pack", StringComparison.Ordinal)) return;
            lock (_gate)
            {
                if (_lags is null) return;
                using var json = JsonDocument.Parse(message.Payload);
                _lags.Add(DateTimeOffset.UtcNow - json.RootElement.GetProperty("updated_at").GetDateTimeOffset());
            }
        }
    }

    private static (string Host, int Port) ParseBroker(string value)
    {
        int colon = value.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(value[(colon + 1)..], out var port) || port is < 1 or > 65535)
            throw new BenchException($"--broker: '{value}' is not host:port (e.g. 127.0.0.1:1883)");
        return (value[..colon], port);
    }
}

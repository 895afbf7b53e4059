using Akka.Actor;
using Akka.TestKit;
using SolarHub.Configuration;
using SolarHub.Core.Telemetry;
using SolarHub.Mqtt.Bridge;
using SolarHub.Mqtt.Connection;
using Xunit.Abstractions;

namespace SolarHub.Mqtt.Tests.Support;

/// <summary>The broker tests share two cores with the rest of the suite: they run one after the other.</summary>
[CollectionDefinition(Name)]
public sealed class BrokerTests
{
    public const string Name = "mqtt broker";
}

/// <summary>
/// A real mosquitto, an <see cref="MqttBridge"/> under test in a TestKit actor system, and a watcher subscribed to
/// everything. Telemetry is published on the event stream, as banks do. Timings are short; deadlines generous.
/// </summary>
public abstract class BridgeTestKit : Akka.TestKit.Xunit2.TestKit, IAsyncLifetime
{
    protected static readonly MqttTimings Timings = new(
        PublishInterval: TimeSpan.FromMilliseconds(200),
        StaleAfter: TimeSpan.FromSeconds(2),
        ReconnectMin: TimeSpan.FromMilliseconds(200),
        ReconnectMax: TimeSpan.FromSeconds(1),
        ConnectTimeout: TimeSpan.FromSeconds(5),
        KeepAlive: TimeSpan.FromSeconds(5))
    { RediscoveryDelayMax = TimeSpan.FromMilliseconds(200), AlertsWaitMax = TimeSpan.FromSeconds(1) };

    protected static readonly TimeSpan Generous = TimeSpan.FromSeconds(15);

    protected BridgeTestKit(ITestOutputHelper output, (string, string)? user = null) : base("""
        akka.loglevel = INFO
        akka.log-dead-letters = off
        akka.test.single-expect-default = 15s
        """, output)
    {
        Broker = new MosquittoBroker(user);
        Connections = CreateTestProbe();
        Sys.EventStream.Subscribe(Connections.Ref, typeof(MqttConnectionChanged));
    }

    protected MosquittoBroker Broker { get; }
    protected MqttWatcher Watcher { get; private set; } = null!;
    protected TestProbe Connections { get; }

    protected MqttConfig Mqtt => new("127.0.0.1", Broker.Port, ClientId: $"hub-{Guid.NewGuid():N}");

    protected static BankConfig House => new("house", "House bank", [new PackConfig(1), new PackConfig(2)],
        [new AdapterConfig("gw", AdapterProtocol.JkPassive, new TcpTransport("127.0.0.1", 1))]);

    protected static BankConfig Shed => new("shed", "Shed", [new PackConfig(1, Cells: 8)],
        [new AdapterConfig("gw", AdapterProtocol.JkPassive, new TcpTransport("127.0.0.1", 2))]);

    public virtual async Task InitializeAsync() => Watcher = await MqttWatcher.StartAsync(Broker.Port, "#");

    public virtual async Task DisposeAsync()
    {
        Shutdown();
        await Watcher.DisposeAsync();
        Broker.Dispose();
    }

    protected IActorRef StartBridge(MqttConfig? mqtt, params BankConfig[] banks) =>
        Sys.ActorOf(MqttBridge.Props(mqtt, banks, Timings), "mqtt");

    protected MqttConnectionChanged ExpectConnected() =>
        Connections.FishForMessage<MqttConnectionChanged>(c => c.Connected, Generous);

    protected void Publish(object telemetry) => Sys.EventStream.Publish(telemetry);

    protected static PackTelemetry Pack(string bank, byte address, int soc = 80, double voltage = 53.2, bool stale = false, int cells = 16) =>
        new(bank, address, "gw", DateTimeOffset.UtcNow, stale,
            Enumerable.Range(0, cells).Select(i => 3.3 + i * 0.001).ToList(),
            CellMin: 3.3, CellMax: 3.3 + (cells - 1) * 0.001, CellDelta: (cells - 1) * 0.001,
            PackVoltage: voltage, Current: -12.5, Power: -665, Soc: soc, Soh: 99,
            RemainingCapacity: 224, FullCapacity: 280, Cycles: 42, MosTemperature: 31.5, Temperatures: [24.1, 25.3],
            Alarms: [], Charging: false, Discharging: true, Balancing: true);

    protected static BankTelemetry Bank(string bank, double soc = 80, bool stale = false) =>
        new(bank, DateTimeOffset.UtcNow, stale ? BankState.Down : BankState.Healthy, stale ? null : "gw", stale ? 0 : 2, 2, stale,
            Voltage: 53.2, Current: -25, Power: -1330, Soc: soc, RemainingCapacity: 448, FullCapacity: 560,
            CellMin: 3.3, CellMax: 3.315, TemperatureMin: 24.1, TemperatureMax: 25.3, Alarms: []);
}

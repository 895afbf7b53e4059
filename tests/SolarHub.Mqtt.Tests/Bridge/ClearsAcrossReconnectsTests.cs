using Akka.Actor;
using Akka.TestKit;
using SolarHub.Configuration;
using SolarHub.Mqtt.Bridge;
using SolarHub.Mqtt.Connection;
using SolarHub.Mqtt.Tests.Support;
using Xunit.Abstractions;

namespace SolarHub.Mqtt.Tests.Bridge;

/// <summary>
/// The removal of a bank's entities against the connection's protocol, with a probe playing the connection: the order
/// that lost a removal in CI (the connection has lost the broker, the bridge learns it a message later) is kept exactly,
/// which a real broker cannot be made to do.
/// </summary>
public class ClearsAcrossReconnectsTests(ITestOutputHelper output) : Akka.TestKit.Xunit2.TestKit("akka.loglevel = INFO", output)
{
    private const string ShedConfig = "homeassistant/sensor/solarhub_shed_voltage/config";
    private const string ShedAvailability = "solarhub/shed/availability";
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(15);
    private static readonly MqttConfig Mqtt = new("127.0.0.1", 1883, ClientId: "hub-under-test");

    // No flushes but those of a connect.
    private static readonly MqttTimings Timings = MqttTimings.Default with { PublishInterval = TimeSpan.FromHours(1) };

    private static BankConfig House => new("house", "House bank", [new PackConfig(1)],
        [new AdapterConfig("gw", AdapterProtocol.JkPassive, new TcpTransport("127.0.0.1", 1))]);

    private static BankConfig Shed => new("shed", "Shed", [new PackConfig(1, Cells: 8)],
        [new AdapterConfig("gw", AdapterProtocol.JkPassive, new TcpTransport("127.0.0.1", 2))]);

    [Fact]
    public void A_bank_removed_after_the_connection_lost_the_broker_but_before_the_bridge_knew_is_cleared_after_the_reconnect()
    {
        var connection = CreateTestProbe();
        var bridge = StartBridge(connection);
        ClearsOnConnect(connection);

        // The connection has just lost the broker and has not told the bridge yet: what it is told now is lost.
        bridge.Tell(new HubConfigChanged(new HubConfig([House], [], Mqtt: Mqtt), Version: 2));
        connection.FishForMessage<PublishToBroker>(p => IsClear(p.Message, ShedConfig), Generous);
        connection.Reply(new BrokerDisconnected("connection reset by peer"));

        ClearsOnConnect(connection).Should().Contain([ShedConfig, ShedAvailability], "the clears told to the dead connection never reached the broker");
    }

    [Fact]
    public void A_clear_the_broker_confirmed_is_not_sent_again_on_the_next_connect()
    {
        var connection = CreateTestProbe();
        var bridge = StartBridge(connection);
        ClearsOnConnect(connection);

        bridge.Tell(new HubConfigChanged(new HubConfig([House], [], Mqtt: Mqtt), Version: 2));
        var clear = connection.FishForMessage<PublishToBroker>(p => IsClear(p.Message, ShedConfig), Generous);
        clear.ConfirmationId.Should().NotBeNull("a clear is kept until the broker has it");
        connection.Reply(new PublishConfirmed(ShedConfig, clear.ConfirmationId!.Value));
        connection.Reply(new BrokerDisconnected("connection reset by peer"));

        var cleared = ClearsOnConnect(connection);
        cleared.Should().NotContain(ShedConfig, "the broker confirmed that clear");
        cleared.Should().Contain(ShedAvailability, "that clear was not confirmed");
    }

    [Fact]
    public void Clears_still_owed_to_the_broker_are_sent_by_a_new_connection_to_it_and_not_to_another_broker()
    {
        var connection = CreateTestProbe();
        var bridge = StartBridge(connection);
        ClearsOnConnect(connection);
        connection.Reply(new BrokerDisconnected("not authorised"));

        // The bank is removed while the broker refuses the hub; then the user fixes the password: the same broker.
        bridge.Tell(new HubConfigChanged(new HubConfig([House], [], Mqtt: Mqtt), Version: 2));
        bridge.Tell(new HubConfigChanged(new HubConfig([House], [], Mqtt: Mqtt with { Password = "fixed" }), Version: 3));
        ReplaceConnection(connection);
        ClearsOnConnect(connection).Should().Contain([ShedConfig, ShedAvailability], "the broker still holds the removed bank's entities");

        // Another broker never had them.
        connection.Reply(new BrokerDisconnected("connection reset by peer"));
        bridge.Tell(new HubConfigChanged(new HubConfig([House], [], Mqtt: Mqtt with { Host = "127.0.0.2" }), Version: 4));
        ReplaceConnection(connection);
        ClearsOnConnect(connection).Should().NotContain([ShedConfig, ShedAvailability]);
    }

    // The bridge tells its connection to leave and starts the next one once it has gone.
    private void ReplaceConnection(TestProbe connection)
    {
        connection.FishForMessage<DisconnectFromBroker>(_ => true, Generous);
        Sys.Stop(connection.LastSender);
        connection.FishForMessage<ConnectionStandIn.Started>(_ => true, Generous);
    }

    private IActorRef StartBridge(TestProbe connection)
    {
        var bridge = Sys.ActorOf(MqttBridge.Props(Mqtt, [House, Shed], Timings, (_, _) => ConnectionStandIn.Props(connection.Ref)), "mqtt");
        connection.ExpectMsg<ConnectionStandIn.Started>(Generous);
        return bridge;
    }

    /// <summary>Tells the bridge it is connected; returns the topics it cleared, which a connect sends before anything else.</summary>
    private static List<string> ClearsOnConnect(TestProbe connection)
    {
        connection.Reply(BrokerConnected.Instance);
        connection.FishForMessage<ConnectionStandIn.ToldConnected>(_ => true, Generous);
        var cleared = new List<string>();
        for (var sent = connection.ExpectMsg<PublishToBroker>(Generous).Message; IsClear(sent); sent = connection.ExpectMsg<PublishToBroker>(Generous).Message)
            cleared.Add(sent.Topic);
        return cleared;
    }

    private static bool IsClear(MqttMessage message) => message.Payload.Length == 0 && message.Retain;

    private static bool IsClear(MqttMessage message, string topic) => message.Topic == topic && IsClear(message);
}

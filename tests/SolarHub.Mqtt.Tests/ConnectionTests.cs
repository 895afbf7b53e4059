using Akka.Actor;
using MQTTnet;
using SolarHub.Mqtt.Connection;
using SolarHub.Mqtt.Tests.Support;
using Xunit.Abstractions;

namespace SolarHub.Mqtt.Tests;

/// <summary>The hub's connection to the broker: last will, reconnects, refused credentials.</summary>
[Collection(BrokerTests.Name)]
public class ConnectionTests(ITestOutputHelper output) : BridgeTestKit(output)
{
    [Fact]
    public async Task When_the_hubs_connection_dies_the_broker_says_offline_for_it_and_the_hub_comes_back_online()
    {
        await using var proxy = new LoopbackTcpProxy(Broker.Port);
        StartBridge(Mqtt with { Port = proxy.Port }, House);
        ExpectConnected();
        await Watcher.WaitForTextAsync("solarhub/status", "online");

        proxy.Cut();

        var will = await Watcher.WaitForTextAsync("solarhub/status", "offline");
        will.Retain.Should().BeTrue("a client connecting later must see the hub offline too");
        Connections.FishForMessage<MqttConnectionChanged>(c => !c.Connected, Generous);
    }

    [Fact]
    public async Task A_publish_with_a_confirmation_id_is_confirmed_to_the_owner_once_the_broker_has_it()
    {
        var owner = CreateTestProbe();
        var connection = Sys.ActorOf(MqttConnection.Props(Mqtt, Timings, owner.Ref), "connection");
        owner.FishForMessage<BrokerConnected>(_ => true, Generous);

        connection.Tell(new PublishToBroker(MqttMessage.Clear("solarhub/gone/availability"), ConfirmationId: 7));

        owner.FishForMessage<PublishConfirmed>(_ => true, Generous).Should().Be(new PublishConfirmed("solarhub/gone/availability", 7));
        await Watcher.WaitForAsync("solarhub/gone/availability", m => m.Payload.Length == 0 && m.Retain);
    }

    [Fact]
    public async Task After_the_broker_restarts_the_hub_reconnects_and_publishes_discovery_and_availability_again()
    {
        StartBridge(Mqtt, House);
        ExpectConnected();
        Publish(Pack("house", 1));
        await Watcher.WaitForTextAsync("solarhub/house/pack1/availability", "online");

        Broker.Stop();
        Connections.FishForMessage<MqttConnectionChanged>(c => !c.Connected, Generous);
        Broker.Start(); // no persistence: the restarted broker holds nothing
        await using var fresh = await MqttWatcher.StartAsync(Broker.Port, "#");
        ExpectConnected();
        Publish(Pack("house", 1));

        await fresh.WaitForTextAsync("solarhub/status", "online");
        await fresh.WaitForAsync("homeassistant/sensor/solarhub_house_voltage/config", m => m.Payload.Length > 0);
        await fresh.WaitForTextAsync("solarhub/house/pack1/availability", "online");
        await fresh.WaitForAsync("solarhub/house/pack1/state");
    }

    [Fact]
    public async Task A_late_last_will_of_an_earlier_connection_is_answered_with_online()
    {
        // A cluster's MQTT output moved to another host: the lost host's will (another client id) comes when the broker
        // notices it has gone, after the successor has said online.
        await using var proxy = new LoopbackTcpProxy(Broker.Port);
        using var earlier = new MqttClientFactory().CreateMqttClient();
        await earlier.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", proxy.Port).WithClientId("solarhub-lost-host")
            .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V500)
            .WithWillTopic("solarhub/status").WithWillPayload("offline").WithWillRetain().Build());
        StartBridge(Mqtt, House);
        ExpectConnected();
        await Watcher.WaitForTextAsync("solarhub/status", "online");

        proxy.Cut();

        var will = await Watcher.WaitForTextAsync("solarhub/status", "offline");
        await Watcher.WaitForTextAsync("solarhub/status", "online", after: Watcher.On("solarhub/status").ToList().IndexOf(will) + 1);
        await using var fresh = await MqttWatcher.StartAsync(Broker.Port, "solarhub/status");
        (await fresh.WaitForAsync("solarhub/status")).Payload.Should().Be("online", "the retained status is the connected hub's");
    }

    [Fact]
    public async Task Stopping_the_hub_leaves_it_offline_on_the_broker()
    {
        var bridge = StartBridge(Mqtt, House);
        ExpectConnected();
        await Watcher.WaitForTextAsync("solarhub/status", "online");

        bridge.Tell(PoisonPill.Instance);

        await Watcher.WaitForTextAsync("solarhub/status", "offline");
    }

    [Fact]
    public async Task An_unreachable_broker_is_reported_and_retried_until_it_is_there()
    {
        Broker.Stop();
        StartBridge(Mqtt, House);

        var failed = Connections.FishForMessage<MqttConnectionChanged>(c => !c.Connected, Generous);
        failed.Error.Should().Contain($"cannot reach the broker at 127.0.0.1:{Broker.Port}");

        Broker.Start();
        ExpectConnected();
        await using var fresh = await MqttWatcher.StartAsync(Broker.Port, "solarhub/status");
        await fresh.WaitForTextAsync("solarhub/status", "online");
    }
}

/// <summary>A broker with a password file: wrong credentials are said plainly, right ones connect.</summary>
[Collection(BrokerTests.Name)]
public class AuthenticationTests(ITestOutputHelper output) : BridgeTestKit(output, ("hub", "s3cret"))
{
    // The watcher of the base kit connects anonymously, which this broker refuses: watch with the hub's user.
    public override Task InitializeAsync() => Task.CompletedTask;

    [Fact]
    public void A_wrong_password_is_reported_naming_the_user_and_what_to_check()
    {
        StartBridge(Mqtt with { Username = "hub", Password = "wrong" }, House);

        var refused = Connections.FishForMessage<MqttConnectionChanged>(c => !c.Connected, Generous);
        refused.Error.Should().Be("the broker refused user 'hub': wrong user name or password, or not authorised (check mqtt.username and mqtt.password)");
        Connections.ExpectNoMsg(TimeSpan.FromSeconds(1.5)); // retried, but said once
    }

    [Fact]
    public void No_credentials_for_a_broker_that_wants_them_is_reported()
    {
        StartBridge(Mqtt, House);

        var refused = Connections.FishForMessage<MqttConnectionChanged>(c => !c.Connected, Generous);
        refused.Error.Should().Be("the broker does not accept anonymous clients (set mqtt.username and mqtt.password)");
    }

    [Fact]
    public void The_right_password_connects()
    {
        StartBridge(Mqtt with { Username = "hub", Password = "s3cret" }, House);

        ExpectConnected().Broker.Should().Be($"127.0.0.1:{Broker.Port}");
    }

    public override Task DisposeAsync()
    {
        Shutdown();
        Broker.Dispose();
        return Task.CompletedTask;
    }
}

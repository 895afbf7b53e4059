using Akka.Actor;
using Akka.Hosting;
using SolarHub.Configuration;
using SolarHub.Mqtt.Bridge;
using SolarHub.Mqtt.Tests.Support;
using Xunit.Abstractions;

namespace SolarHub.Mqtt.Tests;

/// <summary>The stored configuration reaches the bridge when it starts (it asks the configuration source) and its changes on the event stream apply live.</summary>
[Collection(BrokerTests.Name)]
public class LiveConfigurationTests(ITestOutputHelper output) : BridgeTestKit(output)
{
    [Fact]
    public async Task A_stored_mqtt_output_starts_publishing_and_a_new_base_topic_moves_everything_there()
    {
        var bridge = Sys.ActorOf(MqttBridge.Props(mqtt: null, banks: [], Timings, followConfigChanges: true), "mqtt");
        await bridge.Ask<ActorIdentity>(new Identify(null), Generous); // started, so subscribed
        var mqtt = Mqtt;

        Sys.EventStream.Publish(new HubConfigChanged(new HubConfig([House], [], Mqtt: mqtt), Version: 1));
        ExpectConnected();
        await Watcher.WaitForTextAsync("solarhub/status", "online");
        await Watcher.WaitForAsync("homeassistant/sensor/solarhub_house_voltage/config");

        Sys.EventStream.Publish(new HubConfigChanged(new HubConfig([House], [], Mqtt: mqtt with { BaseTopic = "garage/batteries" }), Version: 2));

        await Watcher.WaitForTextAsync("garage/batteries/status", "online");
        var moved = (await Watcher.WaitForAsync("homeassistant/sensor/garage_batteries_house_voltage/config")).Json;
        moved.GetProperty("state_topic").GetString().Should().Be("garage/batteries/house/state");
        // State and availability follow, for the bank and its packs (their topics are built once per base topic).
        Publish(Bank("house"));
        Publish(Pack("house", 1));
        await Watcher.WaitForAsync("garage/batteries/house/state");
        await Watcher.WaitForTextAsync("garage/batteries/house/availability", "online");
        await Watcher.WaitForAsync("garage/batteries/house/pack1/state");
        await Watcher.WaitForTextAsync("garage/batteries/house/pack1/availability", "online");
        // The old entities are removed and the old status says offline: nothing is left pointing at dead topics.
        await Watcher.WaitForAsync("homeassistant/sensor/solarhub_house_voltage/config", m => m.Payload.Length == 0);
        await Watcher.WaitForTextAsync("solarhub/status", "offline");

        Sys.EventStream.Publish(new HubConfigChanged(new HubConfig([House], [], Mqtt: mqtt with { BaseTopic = "garage/batteries" }), Version: 2));
        Sys.EventStream.Publish(new HubConfigChanged(new HubConfig([House], []), Version: 3));
        await Watcher.WaitForTextAsync("garage/batteries/status", "offline");
    }

    [Fact]
    public async Task A_bridge_started_after_the_configuration_was_published_asks_the_source_and_publishes()
    {
        // The store's part, played by a stub: it holds the configuration (with the broker) and answers GetCurrentHubConfig.
        var current = new HubConfigChanged(new HubConfig([House], [], Mqtt: Mqtt), Version: 1);
        var source = Sys.ActorOf(Props.Create(() => new ConfigSource(current)), "config-source");
        ActorRegistry.For(Sys).Register<HubConfigSourceKey>(source);

        // Nothing is published on the event stream: without asking, the bridge would never hear of the broker.
        Sys.ActorOf(MqttBridge.Props(mqtt: null, banks: [], Timings, followConfigChanges: true), "mqtt");

        ExpectConnected();
        await Watcher.WaitForTextAsync("solarhub/status", "online");
        await Watcher.WaitForAsync("homeassistant/sensor/solarhub_house_voltage/config");
    }

    private sealed class ConfigSource : ReceiveActor
    {
        public ConfigSource(HubConfigChanged current) => Receive<GetCurrentHubConfig>(_ => Sender.Tell(current));
    }
}

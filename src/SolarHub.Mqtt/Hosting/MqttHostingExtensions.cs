using Akka.Hosting;
using SolarHub.Configuration;
using SolarHub.Mqtt.Bridge;

namespace SolarHub.Mqtt.Hosting;

/// <summary>Marker for the <see cref="MqttBridge"/> in Akka.Hosting's ActorRegistry.</summary>
public sealed class MqttBridgeKey;

public static class MqttHostingExtensions
{
    /// <summary>
    /// Publishes the banks' telemetry to the MQTT broker of <paramref name="config"/> (<see cref="HubConfig.Mqtt"/>;
    /// none: nothing is published until a configuration with one arrives), with Home Assistant discovery for the
    /// configured banks. Starts an <see cref="MqttBridge"/> at <c>/user/solarhub-mqtt</c>, registered as <see cref="MqttBridgeKey"/>.
    /// </summary>
    /// <param name="followConfigChanges">Also follow <see cref="HubConfigChanged"/> on the event stream (the configuration store): broker settings and banks apply live.</param>
    public static AkkaConfigurationBuilder WithSolarHubMqtt(this AkkaConfigurationBuilder builder, HubConfig config,
        bool followConfigChanges = false, MqttTimings? timings = null) =>
        builder.WithActors((system, registry) =>
            registry.Register<MqttBridgeKey>(system.ActorOf(BridgeProps(config, followConfigChanges, timings), BridgeName)));

    /// <summary>The name of the bridge under /user (of the singleton's manager on a cluster node).</summary>
    public const string BridgeName = "solarhub-mqtt";

    /// <summary>The bridge <see cref="WithSolarHubMqtt(AkkaConfigurationBuilder, HubConfig, bool, MqttTimings?)"/> starts, for a host that runs it otherwise (a cluster singleton).</summary>
    public static Akka.Actor.Props BridgeProps(HubConfig config, bool followConfigChanges = false, MqttTimings? timings = null) =>
        MqttBridge.Props(config.Mqtt, config.Banks, timings, followConfigChanges, config.Alerts);

    /// <summary>For a host that runs banks of its own: publishes every bank that reports telemetry in this actor system.</summary>
    public static AkkaConfigurationBuilder WithSolarHubMqtt(this AkkaConfigurationBuilder builder, MqttConfig mqtt, MqttTimings? timings = null) =>
        builder.WithActors((system, registry) =>
            registry.Register<MqttBridgeKey>(system.ActorOf(MqttBridge.Props(mqtt, banks: null, timings), "solarhub-mqtt")));
}

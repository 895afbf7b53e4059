namespace SolarHub.Mqtt.Connection;

/// <summary>One message to publish.</summary>
/// <param name="AtLeastOnce">QoS 1. Everything the bridge publishes is published again after a reconnect (discovery,
/// availability, state), so QoS 0 loses nothing that matters and keeps a broker's small in-flight window (20 in
/// mosquitto) from throttling thousands of discovery messages. Only what is not repeated goes at least once: the
/// removal of an entity and the hub's own status.</param>
public sealed record MqttMessage(string Topic, byte[] Payload, bool Retain, bool AtLeastOnce = false)
{
    public static MqttMessage Text(string topic, string payload, bool retain) => new(topic, System.Text.Encoding.UTF8.GetBytes(payload), retain);

    /// <summary>An empty retained message: the broker forgets what it kept for the topic (Home Assistant removes the entity).</summary>
    public static MqttMessage Clear(string topic) => new(topic, [], Retain: true, AtLeastOnce: true);
}

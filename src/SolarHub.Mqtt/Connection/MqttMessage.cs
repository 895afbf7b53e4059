namespace SolarHub.Mqtt.Connection;

/// <summary>
/// One message to publish. Retained messages (discovery, availability, status) are sent at least once; state
/// updates at most once, since the next one follows within a second.
/// </summary>
public sealed record MqttMessage(string Topic, byte[] Payload, bool Retain)
{
    public static MqttMessage Text(string topic, string payload, bool retain) => new(topic, System.Text.Encoding.UTF8.GetBytes(payload), retain);

    /// <summary>An empty retained message: the broker forgets what it kept for the topic (Home Assistant removes the entity).</summary>
    public static MqttMessage Clear(string topic) => new(topic, [], Retain: true);
}

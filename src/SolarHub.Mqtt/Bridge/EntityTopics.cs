namespace SolarHub.Mqtt.Bridge;

/// <summary>The state and availability topics of one bank or pack, built once per broker configuration (not per publish).</summary>
internal sealed record EntityTopics(string State, string Availability);

namespace SolarHub.Mqtt.Connection;

// The protocol of MqttConnection: its owner tells it what to publish and is told when the broker is (not) there.

/// <summary>Publish when connected; dropped otherwise (the owner sends everything again on <see cref="BrokerConnected"/>).</summary>
/// <param name="ConfirmationId">When set, the owner is told <see cref="PublishConfirmed"/> once the broker has it (a QoS 1
/// message: acknowledged). Nothing is told when it was dropped or failed: the owner cannot tell a publish into a connection
/// that has just died from one that went out, so it keeps what must not be lost until confirmed.</param>
public sealed record PublishToBroker(MqttMessage Message, long? ConfirmationId = null);

/// <summary>To the owner: the broker acknowledged the <see cref="PublishToBroker"/> sent with this confirmation id.</summary>
public sealed record PublishConfirmed(string Topic, long ConfirmationId);

/// <summary>Say goodbye (status offline through the last will), disconnect, then stop.</summary>
public sealed record DisconnectFromBroker
{
    public static DisconnectFromBroker Instance { get; } = new();
}

/// <summary>To the owner: connected, the status topic says online; send discovery, availability and state again.</summary>
public sealed record BrokerConnected
{
    public static BrokerConnected Instance { get; } = new();
}

/// <summary>To the owner: the broker is gone; reconnecting.</summary>
public sealed record BrokerDisconnected(string Reason);

/// <summary>
/// Published on the event stream whenever the connection to the broker changes: connected, lost, or an attempt
/// failed (<see cref="Error"/> says why, e.g. a refused password), so operators and tests can see it.
/// </summary>
public sealed record MqttConnectionChanged(string Broker, bool Connected, string? Error, DateTimeOffset At);

/// <summary>To the owner: Home Assistant announced itself (<c>&lt;discovery-prefix&gt;/status</c> = online) and lost what it knew; discover again.</summary>
public sealed record HomeAssistantOnline
{
    public static HomeAssistantOnline Instance { get; } = new();
}

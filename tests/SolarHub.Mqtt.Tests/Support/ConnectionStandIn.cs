using Akka.Actor;
using SolarHub.Mqtt.Connection;

namespace SolarHub.Mqtt.Tests.Support;

/// <summary>
/// Stands in for an <see cref="MqttConnection"/> under a bridge: what the bridge tells it goes to a probe, what the probe
/// tells it goes to the bridge as if from the connection, so a test plays the connection's part in any order.
/// </summary>
public sealed class ConnectionStandIn : ReceiveActor
{
    private readonly IActorRef _probe;

    public ConnectionStandIn(IActorRef probe)
    {
        _probe = probe;
        ReceiveAny(m =>
        {
            if (!Sender.Equals(probe))
            {
                probe.Tell(m, Self);
                return;
            }
            // Marks where the bridge's answer to a connect begins in the probe's queue.
            if (m is BrokerConnected) probe.Tell(new ToldConnected(), Self);
            Context.Parent.Tell(m, Self);
        });
    }

    /// <summary>To the probe when the bridge has started its connection: the probe's replies go to this stand-in from then on.</summary>
    public sealed record Started;

    /// <summary>To the probe as <see cref="BrokerConnected"/> goes to the bridge: what follows is what the bridge sent on connecting.</summary>
    public sealed record ToldConnected;

    protected override void PreStart() => _probe.Tell(new Started(), Self);

    public static Props Props(IActorRef probe) => Akka.Actor.Props.Create(() => new ConnectionStandIn(probe));
}

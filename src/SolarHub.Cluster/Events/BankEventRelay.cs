using Akka.Actor;
using Akka.Cluster.Tools.PublishSubscribe;
using SolarHub.Core.Telemetry;

namespace SolarHub.Cluster.Events;

/// <summary>
/// Carries the bank events of this node (a bank publishes them on the event stream of the node that runs it) to every
/// other node, and theirs to this one, so that outputs of the whole cluster (<c>/api/events</c>, the MQTT singleton)
/// see every bank. Each event leaves as a <see cref="RelayedBankEvent"/> naming this node and arrives on the other
/// nodes' event streams as that wrapper, never raw: the history follows raw events and writes its own banks only.
/// The relays find each other through Distributed Pub/Sub under one path, and an event is sent to every relay but
/// this node's (<see cref="DistributedPubSubMediator.SendToAll"/> with allButSelf), so nothing comes back.
/// Cost: each event is serialized once per other node and crosses the network once per other node. A pack's
/// telemetry, about once a second, is 0.6 KB of JSON for 16 cells (measured) plus Akka's envelope; a bank's totals
/// 0.4 KB a second. 10 packs in 3 banks: about 8 KB/s to each other node. Each node also takes a mailbox hop here per
/// event, and publishes each relayed one on its event stream (for /api/events and the MQTT singleton; idle otherwise).
/// </summary>
public sealed class BankEventRelay : ReceiveActor
{
    public const string Name = "solarhub-events-relay";

    /// <summary>The path every node's relay runs at (started as <see cref="Name"/> under /user) and is registered under with the mediator.</summary>
    public const string RelayPath = "/user/" + Name;

    private readonly string _node;
    private readonly IActorRef _mediator;

    public BankEventRelay(string node, IActorRef mediator)
    {
        _node = node;
        _mediator = mediator;
        Receive<RelayedBankEvent>(Arrived);
        foreach (var type in RelayedBankEvent.Relayed) Receive(type, Send);
    }

    /// <param name="node">This node's name, the origin named in what it sends.</param>
    /// <param name="mediator">The Distributed Pub/Sub mediator of this node.</param>
    public static Props Props(string node, IActorRef mediator) => Akka.Actor.Props.Create(() => new BankEventRelay(node, mediator));

    protected override void PreStart()
    {
        _mediator.Tell(new Put(Self));
        foreach (var type in RelayedBankEvent.Relayed) Context.System.EventStream.Subscribe(Self, type);
    }

    protected override void PostStop()
    {
        Context.System.EventStream.Unsubscribe(Self);
        _mediator.Tell(new Remove(RelayPath));
    }

    private void Send(object bankEvent) => _mediator.Tell(new SendToAll(RelayPath, new RelayedBankEvent(_node, bankEvent), true));

    // Only other nodes send here; a wrapper naming this node (a relay at the same path in a second actor system that
    // shares the name) would be this node's own event again.
    private void Arrived(RelayedBankEvent relayed)
    {
        if (relayed.Node != _node) Context.System.EventStream.Publish(relayed);
    }
}

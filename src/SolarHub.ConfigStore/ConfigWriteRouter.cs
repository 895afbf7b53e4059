using Akka.Actor;

namespace SolarHub.ConfigStore;

/// <summary>
/// The configuration store as a clustered node's code sees it (registered as <see cref="ConfigStoreKey"/>): writes
/// (<see cref="IConfigWrite"/>) go to the cluster's one writer, a singleton store on one node, so the nodes never race
/// each other for the journal; reads go to this node's own store, which follows the journal and keeps answering while
/// the writer moves to another node. The answer goes straight back to the asker from whichever store handled it.
/// </summary>
public sealed class ConfigWriteRouter : ReceiveActor
{
    public ConfigWriteRouter(IActorRef writer, IActorRef reader)
    {
        Receive<IConfigWrite>(write => writer.Forward(write));
        ReceiveAny(read => reader.Forward(read));
    }

    public static Props Props(IActorRef writer, IActorRef reader) => Akka.Actor.Props.Create(() => new ConfigWriteRouter(writer, reader));
}

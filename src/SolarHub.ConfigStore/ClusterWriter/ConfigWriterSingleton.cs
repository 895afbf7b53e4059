using Akka.Actor;
using SolarHub.Database;

namespace SolarHub.ConfigStore.ClusterWriter;

/// <summary>
/// The cluster's one configuration writer, as the cluster singleton runs it: the store (under its
/// <see cref="ConfigStoreSupervisor"/>), which the nodes' writes reach through the singleton proxy, and beside it the
/// <see cref="ConfigInboxWriter"/>, through which clients outside the cluster reach the same store. Everything sent
/// here goes to the store, its sender kept.
/// </summary>
public sealed class ConfigWriterSingleton : ReceiveActor
{
    public ConfigWriterSingleton(ConfigDatabase database, string node)
    {
        var store = Context.ActorOf(ConfigStoreSupervisor.Props(followJournal: true, database), "store");
        Context.ActorOf(ConfigInboxWriter.Props(node, store, new ConfigWriterTables(database)), "inbox");
        ReceiveAny(message => store.Forward(message));
    }

    /// <param name="node">This node's name, which clients of the inbox are told.</param>
    public static Props Props(ConfigDatabase database, string node) => Akka.Actor.Props.Create(() => new ConfigWriterSingleton(database, node));
}

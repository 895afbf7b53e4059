using Akka.Cluster.Hosting;
using Akka.Hosting;
using SolarHub.Cluster.Membership;
using SolarHub.ConfigStore;
using SolarHub.ConfigStore.ClusterWriter;
using SolarHub.Database;

namespace SolarHub.Node.Hosting;

/// <summary>Marker for the cluster's one configuration writer (a proxy to the singleton store) in Akka.Hosting's ActorRegistry.</summary>
public sealed class ConfigWriterKey;

/// <summary>
/// The configuration store of a clustered node: the journal has one writer in the cluster, a singleton store on the
/// oldest node (it moves when that node leaves or is downed; requests sent meanwhile wait in the proxy, and a client
/// asks again with the same request id, which the new writer answers from the journal). Each node also runs a store
/// of its own that follows the journal and answers reads, so its banks find their configuration while the writer moves.
/// The singleton also holds the writer's lease in the database and takes the writes of clients outside the cluster
/// (<c>solarhub config</c>) from an inbox table (<see cref="ConfigWriterSingleton"/>).
/// </summary>
public static class ClusterConfigWriter
{
    /// <summary>The singleton's name: its manager is <c>/user/solarhub-config-writer</c> on every node.</summary>
    public const string Name = "solarhub-config-writer";

    /// <param name="node">This node's name (<c>--node</c>).</param>
    public static AkkaConfigurationBuilder WithClusterConfigStore(this AkkaConfigurationBuilder akka, ConfigDatabase database, string node)
    {
        // The writer follows the journal too: `solarhub config` writes it directly when it finds no live writer's lease.
        akka.WithSingleton<ConfigWriterKey>(Name, ConfigWriterSingleton.Props(database, node),
            new ClusterSingletonOptions { Role = NodeNames.NodeRole }, createProxyToo: true);
        return akka.WithSolarHubConfigStore(database, followJournal: true, writer: registry => registry.Get<ConfigWriterKey>());
    }
}

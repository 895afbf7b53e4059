using Akka.Actor;
using Akka.Cluster;

namespace SolarHub.Node.Api;

/// <summary>Whether the node's actor system is a cluster member (<c>solarhub run --cluster</c>).</summary>
public static class ClusterAwareness
{
    public static bool IsClustered(ActorSystem system) => ((ExtendedActorSystem)system).Provider is ClusterActorRefProvider;

    public const string NotClusteredMessage = "this node is not in a cluster (it was started without --cluster, docs/cluster.md)";
}

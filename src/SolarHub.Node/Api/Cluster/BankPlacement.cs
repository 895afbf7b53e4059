using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Hosting;
using SolarHub.Cluster.Hosting;

namespace SolarHub.Node.Api.Cluster;

/// <summary>Which node's shard region runs which bank, as sharding's coordinator says (<c>GET /api/cluster</c>, <c>GET /api/alerts</c>).</summary>
public static class BankPlacement
{
    /// <summary>How long the coordinator waits for each node's region when asked which banks run where.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    /// <summary>The regions' shards and entities; null when unknown: no region here, or one that did not answer in time.</summary>
    public static async Task<ClusterShardingStats?> AskAsync(ActorSystem system, CancellationToken ct)
    {
        if (!ActorRegistry.For(system).TryGet<BankRegionKey>(out var region)) return null;
        ClusterShardingStats stats;
        try { stats = await region.Ask<ClusterShardingStats>(new GetClusterShardingStats(Timeout), Timeout + TimeSpan.FromSeconds(1), ct); }
        catch (AskTimeoutException) { return null; }
        // The coordinator answers no region at all when one region did not answer in time: unknown, not "no banks".
        return stats.Regions.Count == 0 ? null : stats;
    }
}

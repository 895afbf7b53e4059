using Akka.Actor;
using Akka.Cluster;
using SolarHub.Cluster.Membership;
using SolarHub.Core.Alerts;

namespace SolarHub.Node.Api.Cluster;

/// <summary>
/// <c>GET /api/alerts</c> on a cluster node: this node's alert watcher and every other member's
/// (<c>/user/solarhub-alerts</c>), asked at once, merged by <see cref="AlertsAcrossNodes"/> with sharding's placement of
/// the banks. A member that is unreachable, or does not answer within <see cref="Timeout"/>, is named in the answer
/// (<see cref="AlertsReport.Unanswered"/>) instead of holding it up or failing it.
/// </summary>
public static class ClusterAlerts
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    public static async Task<AlertsReport> GatherAsync(ActorSystem system, IActorRef ownWatcher, CancellationToken ct)
    {
        var cluster = Akka.Cluster.Cluster.Get(system);
        var state = cluster.State;
        var others = state.Members
            .Where(m => m.Status is MemberStatus.Up or MemberStatus.WeaklyUp && m.HasRole(NodeNames.NodeRole) && m.Address != cluster.SelfAddress)
            .ToList();
        var own = ownWatcher.Ask<AlertsReport>(GetAlerts.Instance, Timeout, ct);
        var asked = others.Select(m => state.Unreachable.Contains(m) ? Task.FromResult<AlertsReport?>(null) : AskOrNothingAsync(system, m.Address, ct)).ToList();
        var placement = BankPlacement.AskAsync(system, ct);
        var answers = await Task.WhenAll(asked);
        var banksPerNode = ClusterViewBuilder.From(state, cluster.SelfAddress, cluster.SelfRoles, await placement).BanksPerNode;
        return AlertsAcrossNodes.Merge(await own, NodeNames.NameOf(cluster.SelfAddress, cluster.SelfRoles),
            others.Select((m, i) => (NodeNames.NameOf(m), answers[i])).ToList(), banksPerNode);
    }

    private static async Task<AlertsReport?> AskOrNothingAsync(ActorSystem system, Address member, CancellationToken ct)
    {
        var watcher = system.ActorSelection(new RootActorPath(member) / "user" / AlertHostingExtensions.WatcherName);
        try { return await watcher.Ask<AlertsReport>(GetAlerts.Instance, Timeout, ct); }
        catch (AskTimeoutException) { return null; }
    }
}

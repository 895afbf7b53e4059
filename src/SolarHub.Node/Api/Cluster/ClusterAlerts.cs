using Akka.Actor;
using Akka.Cluster;
using SolarHub.Cluster.Membership;
using SolarHub.Core.Alerts;

namespace SolarHub.Node.Api.Cluster;

/// <summary>
/// <see cref="AllAlertsKey"/> on a cluster node (<c>GET /api/alerts</c>, the MQTT bridge's start): answers
/// <see cref="GetAlerts"/> with every member's alerts. It asks this node's alert watcher and every other member's
/// (<c>/user/solarhub-alerts</c>) at once and merges them with sharding's placement of the banks
/// (<see cref="AlertsAcrossNodes"/>). A member that is unreachable, or does not answer within <see cref="Timeout"/>, is
/// named in the answer (<see cref="AlertsReport.Unanswered"/>) instead of holding it up or failing it.
/// </summary>
public sealed class ClusterAlerts : ReceiveActor
{
    public const string Name = "solarhub-cluster-alerts";

    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    public ClusterAlerts(IActorRef ownWatcher)
    {
        var system = Context.System;
        Receive<GetAlerts>(_ => GatherAsync(system, ownWatcher).PipeTo(Sender));
    }

    public static Props Props(IActorRef ownWatcher) => Akka.Actor.Props.Create(() => new ClusterAlerts(ownWatcher));

    private static async Task<AlertsReport> GatherAsync(ActorSystem system, IActorRef ownWatcher)
    {
        var cluster = Akka.Cluster.Cluster.Get(system);
        var state = cluster.State;
        var others = state.Members
            .Where(m => NodeNames.IsUp(m) && m.HasRole(NodeNames.NodeRole) && m.Address != cluster.SelfAddress)
            .ToList();
        var own = ownWatcher.Ask<AlertsReport>(GetAlerts.Instance, Timeout);
        var asked = others.Select(m => state.Unreachable.Contains(m) ? Task.FromResult<AlertsReport?>(null) : AskOrNothingAsync(system, m.Address)).ToList();
        var placement = BankPlacement.AskAsync(system, CancellationToken.None);
        var answers = await Task.WhenAll(asked);
        var banksPerNode = ClusterViewBuilder.From(state, cluster.SelfAddress, cluster.SelfRoles, await placement).BanksPerNode;
        return AlertsAcrossNodes.Merge(await own, NodeNames.NameOf(cluster.SelfAddress, cluster.SelfRoles),
            others.Select((m, i) => (NodeNames.NameOf(m), answers[i])).ToList(), banksPerNode);
    }

    private static async Task<AlertsReport?> AskOrNothingAsync(ActorSystem system, Address member)
    {
        var watcher = system.ActorSelection(new RootActorPath(member) / "user" / AlertHostingExtensions.WatcherName);
        try { return await watcher.Ask<AlertsReport>(GetAlerts.Instance, Timeout); }
        catch (AskTimeoutException) { return null; }
    }
}

using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Sharding;
using Akka.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SolarHub.Cluster.Hosting;
using SolarHub.Cluster.Membership;
using SolarHub.Node.Api.Cluster;

namespace SolarHub.Node.Api;

/// <summary>
/// The cluster as a node sees it (docs/api.md, docs/cluster.md): <c>GET /api/cluster</c> (members, leader, unreachable,
/// banks per node) and, with the API token (<see cref="RequireApiToken"/>), <c>POST /api/cluster/members/{node}/leave</c>
/// and <c>.../down</c>. A node that is not clustered answers 404.
/// </summary>
public static class ClusterEndpoints
{
    public sealed record ClusterMemberCommandResult(string Node, string Address, string Action, string Outcome);

    public static IEndpointRouteBuilder MapClusterEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/cluster", async (ActorSystem system, CancellationToken ct) =>
        {
            if (!ClusterAwareness.IsClustered(system)) return NotClustered();
            var cluster = Akka.Cluster.Cluster.Get(system);
            var stats = await BankPlacement.AskAsync(system, ct);
            return Results.Ok(ClusterViewBuilder.From(cluster.State, cluster.SelfAddress, cluster.SelfRoles, stats));
        });

        var members = app.MapGroup("/api/cluster/members/{node}").AddEndpointFilter<RequireApiToken>();
        members.MapPost("/leave", (string node, ActorSystem system) => Act(system, node, "leave"));
        members.MapPost("/down", (string node, ActorSystem system) => Act(system, node, "down"));
        return app;
    }

    private static IResult Act(ActorSystem system, string node, string action)
    {
        if (!ClusterAwareness.IsClustered(system)) return NotClustered();
        var cluster = Akka.Cluster.Cluster.Get(system);
        var member = FindMember(cluster.State, node);
        if (member is null) return NoMember(cluster.State, node);
        var address = member.Address;
        string outcome;
        if (action == "leave")
        {
            cluster.Leave(address);
            outcome = $"node '{node}' ({address}, {member.Status}) was asked to leave the cluster: it hands its banks over to the other nodes, then its actor system shuts down";
        }
        else
        {
            cluster.Down(address);
            outcome = $"node '{node}' ({address}, {member.Status}) was marked down: its banks start on the other nodes; it cannot rejoin without a restart";
        }
        return Results.Ok(new ClusterMemberCommandResult(node, address.ToString(), action, outcome));
    }

    /// <summary>The member named <paramref name="node"/>; of several (an old incarnation and a new one), the one still in the cluster.</summary>
    public static Member? FindMember(ClusterEvent.CurrentClusterState state, string node) =>
        state.Members.Where(m => NodeNames.NameOf(m) == node)
            .OrderBy(m => m.Status is MemberStatus.Down or MemberStatus.Exiting or MemberStatus.Removed ? 1 : 0)
            .FirstOrDefault();

    public static IResult NoMember(ClusterEvent.CurrentClusterState state, string node)
    {
        var names = state.Members.Select(NodeNames.NameOf).Distinct().Order(StringComparer.Ordinal).ToList();
        return ApiErrors.Result(StatusCodes.Status404NotFound,
            $"no node '{node}' in the cluster; its members: {(names.Count == 0 ? "none yet" : string.Join(", ", names))}");
    }

    private static IResult NotClustered() => ApiErrors.Result(StatusCodes.Status404NotFound, ClusterAwareness.NotClusteredMessage);
}

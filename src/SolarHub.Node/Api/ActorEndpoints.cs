using System.Text.Json;
using Akka.Actor;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SolarHub.Node.Api.Actors;
using SolarHub.Node.Api.Cluster;

namespace SolarHub.Node.Api;

/// <summary>
/// <c>GET /api/actors[?all=true][&amp;node=name]</c>: the live actor hierarchy under <c>/user</c>, each actor with its path,
/// name and role. Akka.Streams' own actors (materializer supervisors, stages) only with <c>all=true</c>: they are plumbing
/// of the library, not parts of the hub, and would otherwise outnumber them. On a clustered node, <c>node</c> names the
/// member whose tree to show (its <see cref="ActorTreeService"/> builds it); without it, this node's.
/// </summary>
public static class ActorEndpoints
{
    public static IEndpointRouteBuilder MapActorEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/actors", async (string? all, string? node, ActorSystem system, ActorTrees trees, CancellationToken ct) =>
        {
            bool withStreams = false;
            if (all is not null && !bool.TryParse(all, out withStreams))
                return ApiErrors.Result(StatusCodes.Status400BadRequest, $"all: '{all}' is not true or false");
            if (string.IsNullOrEmpty(node)) return Results.Ok(await trees.BuildAsync(withStreams, ct));
            if (!ClusterAwareness.IsClustered(system))
                return ApiErrors.Result(StatusCodes.Status404NotFound, $"no node '{node}': {ClusterAwareness.NotClusteredMessage}");

            var cluster = Akka.Cluster.Cluster.Get(system);
            var member = ClusterEndpoints.FindMember(cluster.State, node);
            if (member is null) return ClusterEndpoints.NoMember(cluster.State, node);
            if (member.Address == cluster.SelfAddress) return Results.Ok(await trees.BuildAsync(withStreams, ct));

            var reply = await ActorTreeService.At(system, member.Address)
                .Ask<ActorTreeService.ActorTreeReply>(new ActorTreeService.GetActorTree(withStreams), ActorTrees.MaxDuration + TimeSpan.FromSeconds(2), ct);
            if (reply.Json is null)
                return ApiErrors.Unavailable($"node '{node}' could not build its actor tree: {reply.Error}");
            return Results.Ok(JsonSerializer.Deserialize<ActorNode>(reply.Json, ActorTreeService.Json));
        });
        return app;
    }
}

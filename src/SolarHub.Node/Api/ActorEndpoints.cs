using Akka.Actor;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SolarHub.Node.Api.Actors;

namespace SolarHub.Node.Api;

/// <summary>
/// <c>GET /api/actors[?all=true]</c>: the live actor hierarchy under <c>/user</c>, each actor with its path, name and
/// role. Akka.Streams' own actors (materializer supervisors, stages) only with <c>all=true</c>: they are plumbing of
/// the library, not parts of the hub, and would otherwise outnumber them.
/// </summary>
public static class ActorEndpoints
{
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(300);
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(5);

    public static IEndpointRouteBuilder MapActorEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/actors", async (string? all, ActorSystem system, BankSnapshots banks, CancellationToken ct) =>
        {
            bool withStreams = false;
            if (all is not null && !bool.TryParse(all, out withStreams))
                return ApiErrors.Result(StatusCodes.Status400BadRequest, $"all: '{all}' is not true or false");
            var root = ((ExtendedActorSystem)system).Guardian.Path;
            var found = await WalkAsync(system, root, ct);
            var roles = new ActorRoles(await banks.AllAsync(ct));
            var shown = withStreams ? found.Paths : found.Paths.Where(p => !p.Elements.Any(ActorRoles.IsStreamsInternal));
            return Results.Ok(Build(root, shown.ToLookup(p => p.Parent), roles));
        });
        return app;
    }

    private static Task<ActorTreeWalker.Found> WalkAsync(ActorSystem system, ActorPath root, CancellationToken ct)
    {
        var walker = ((ExtendedActorSystem)system).SystemActorOf(ActorTreeWalker.Props(Quiet, Deadline));
        return walker.Ask<ActorTreeWalker.Found>(new ActorTreeWalker.Walk(root), Deadline * 2, ct);
    }

    private static ActorNode Build(ActorPath path, ILookup<ActorPath, ActorPath> children, ActorRoles roles)
    {
        var text = path.ToStringWithoutAddress();
        return new ActorNode(path.ToString(), path.Name, roles.Describe(text),
            children[path].OrderBy(c => c.Name, StringComparer.Ordinal).Select(c => Build(c, children, roles)).ToList());
    }
}

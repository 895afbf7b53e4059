using System.Text.Json;
using Akka.Actor;
using SolarHub.Node.Api.Actors;

namespace SolarHub.Node.Api.Cluster;

/// <summary>
/// <c>/user/solarhub-actor-tree</c> on every clustered node: answers <see cref="GetActorTree"/> from another node
/// (<c>GET /api/actors?node=</c>) with this node's tree. The tree travels as JSON text in <see cref="ActorTreeReply"/>:
/// plain strings, which Akka's default serializer carries as they are.
/// </summary>
public sealed class ActorTreeService : ReceiveActor
{
    public const string Name = "solarhub-actor-tree";

    public sealed record GetActorTree(bool All);

    /// <summary>The tree as JSON (<see cref="ActorNode"/>, web casing), or <see cref="Error"/> when it could not be built.</summary>
    public sealed record ActorTreeReply(string Node, string? Json, string? Error);

    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web);

    public ActorTreeService(string node, ActorTrees trees)
    {
        Receive<GetActorTree>(m =>
        {
            var replyTo = Sender;
            trees.BuildAsync(m.All, CancellationToken.None).PipeTo(replyTo,
                success: tree => new ActorTreeReply(node, JsonSerializer.Serialize(tree, Json), null),
                failure: e => new ActorTreeReply(node, null, e.GetBaseException().Message));
        });
    }

    public static Props Props(string node, ActorTrees trees) => Akka.Actor.Props.Create(() => new ActorTreeService(node, trees));

    /// <summary>The service of the member at <paramref name="address"/>.</summary>
    public static ActorSelection At(ActorSystem system, Address address) =>
        system.ActorSelection(new RootActorPath(address) / "user" / Name);
}

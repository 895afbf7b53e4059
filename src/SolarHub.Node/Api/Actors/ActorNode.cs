namespace SolarHub.Node.Api.Actors;

/// <summary>One live actor in <c>GET /api/actors</c>.</summary>
public sealed record ActorNode(string Path, string Name, string Role, IReadOnlyList<ActorNode> Children);

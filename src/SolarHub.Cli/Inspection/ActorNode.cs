namespace SolarHub.Cli.Inspection;

/// <summary>One actor of <c>GET /api/actors</c>: its path, name, what it does, and its children.</summary>
public sealed record ActorNode(string? Path, string Name, string? Role, IReadOnlyList<ActorNode>? Children);

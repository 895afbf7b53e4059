using Akka.Actor;

namespace SolarHub.Node.Api.Actors;

/// <summary>
/// Builds this node's live actor tree under <c>/user</c> (<c>GET /api/actors</c>), each actor with its role; Akka.Streams'
/// own actors only when <c>withStreams</c>. On a clustered node the paths carry the node's address, so a tree says
/// which member it is from.
/// </summary>
public sealed class ActorTrees(ActorSystem system, BankSnapshots banks)
{
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(300);
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(5);

    /// <summary>How long a walk may take at most, with its answer.</summary>
    public static TimeSpan MaxDuration => Deadline * 2;

    public async Task<ActorNode> BuildAsync(bool withStreams, CancellationToken ct)
    {
        var extended = (ExtendedActorSystem)system;
        var root = extended.Guardian.Path;
        var walker = extended.SystemActorOf(ActorTreeWalker.Props(Quiet, Deadline));
        var found = await walker.Ask<ActorTreeWalker.Found>(new ActorTreeWalker.Walk(root), MaxDuration, ct);
        var roles = new ActorRoles(await banks.AllAsync(ct));
        var shown = withStreams ? found.Paths : found.Paths.Where(p => !p.Elements.Any(ActorRoles.IsStreamsInternal));
        var address = ClusterAwareness.IsClustered(system) ? extended.Provider.DefaultAddress : null;
        return Build(root, shown.ToLookup(p => p.Parent), roles, address);
    }

    private static ActorNode Build(ActorPath path, ILookup<ActorPath, ActorPath> children, ActorRoles roles, Address? address)
    {
        var text = path.ToStringWithoutAddress();
        return new ActorNode(address is null ? path.ToString() : path.ToStringWithAddress(address), path.Name, roles.Describe(text),
            children[path].OrderBy(c => c.Name, StringComparer.Ordinal).Select(c => Build(c, children, roles, address)).ToList());
    }
}

using Akka.Actor;

namespace SolarHub.Node.Api.Actors;

/// <summary>
/// Builds this node's live actor tree under <c>/user</c> (<c>GET /api/actors</c>), each actor with its role; Akka.Streams'
/// own actors only when <c>withStreams</c>. On a clustered node the tree starts at the root guardian, with
/// <c>/system/sharding</c> (where the banks run as sharded entities) beside <c>/user</c>, and the paths carry the node's
/// address, so a tree says which member it is from.
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
        var user = extended.Guardian.Path;
        if (!ClusterAwareness.IsClustered(system))
        {
            var found = await WalkAsync(extended, user, ct);
            return Build(user, Shown(found, withStreams).ToLookup(p => p.Parent), await RolesAsync(ct), address: null);
        }

        // A clustered node's banks live under /system/sharding (Cluster Sharding's entities): its tree starts at the
        // root guardian, with /user and, of /system, only the sharding part.
        var sharding = extended.SystemGuardian.Path / "sharding";
        var walks = await Task.WhenAll(WalkAsync(extended, user, ct), WalkAsync(extended, sharding, ct));
        var root = user.Root;
        var paths = walks.SelectMany(w => Shown(w, withStreams)).Append(extended.SystemGuardian.Path).Where(p => p != root).Distinct();
        return Build(root, paths.ToLookup(p => p.Parent), await RolesAsync(ct), extended.Provider.DefaultAddress);
    }

    private async Task<ActorRoles> RolesAsync(CancellationToken ct) => new(await banks.AllAsync(ct));

    private static IEnumerable<ActorPath> Shown(ActorTreeWalker.Found found, bool withStreams) =>
        withStreams ? found.Paths : found.Paths.Where(p => !p.Elements.Any(ActorRoles.IsStreamsInternal));

    private static Task<ActorTreeWalker.Found> WalkAsync(ExtendedActorSystem system, ActorPath from, CancellationToken ct)
    {
        var walker = system.SystemActorOf(ActorTreeWalker.Props(Quiet, Deadline));
        return walker.Ask<ActorTreeWalker.Found>(new ActorTreeWalker.Walk(from), MaxDuration, ct);
    }

    private static ActorNode Build(ActorPath path, ILookup<ActorPath, ActorPath> children, ActorRoles roles, Address? address)
    {
        var text = path.ToStringWithoutAddress();
        return new ActorNode(address is null ? path.ToString() : path.ToStringWithAddress(address), path.Name, roles.Describe(text),
            children[path].OrderBy(c => c.Name, StringComparer.Ordinal).Select(c => Build(c, children, roles, address)).ToList());
    }
}

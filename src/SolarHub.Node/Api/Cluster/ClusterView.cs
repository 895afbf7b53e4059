using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Sharding;
using SolarHub.Cluster.Membership;

namespace SolarHub.Node.Api.Cluster;

/// <summary>One member in <c>GET /api/cluster</c>.</summary>
/// <param name="Node">The node's name (its <c>node.&lt;name&gt;</c> role), or its address for a member that is no SolarHub node.</param>
/// <param name="Status">Akka's member status: Joining, WeaklyUp, Up, Leaving, Exiting, Down, Removed...</param>
/// <param name="Reachable">False when some member's failure detector no longer hears it.</param>
public sealed record ClusterMemberView(string Node, string Address, string Status, IReadOnlyList<string> Roles, bool Reachable,
    bool Leader, bool Self);

/// <summary>
/// <c>GET /api/cluster</c>: the membership as the answering node sees it, and which node runs which bank.
/// <see cref="BanksPerNode"/> is null when sharding did not say in time (a region that does not answer, no coordinator yet).
/// <see cref="ConfigWriter"/> is the node whose singleton store writes the configuration journal (the oldest SolarHub member).
/// </summary>
public sealed record ClusterView(string Self, string? Leader, IReadOnlyList<ClusterMemberView> Members, IReadOnlyList<string> Unreachable,
    IReadOnlyDictionary<string, IReadOnlyList<string>>? BanksPerNode)
{
    public string? ConfigWriter { get; init; }
}

/// <summary>What the view needs to know of one member (plain, so tests build it without a cluster).</summary>
public sealed record MemberFacts(Address Address, MemberStatus Status, IReadOnlyCollection<string> Roles)
{
    public static MemberFacts Of(Member member) => new(member.Address, member.Status, member.Roles);
}

/// <summary>Builds <see cref="ClusterView"/> from the cluster's state and sharding's statistics (the banks' shard ids are their ids).</summary>
public static class ClusterViewBuilder
{
    public static ClusterView From(ClusterEvent.CurrentClusterState state, Address self, IEnumerable<string> selfRoles, ClusterShardingStats? stats) =>
        Build(self, selfRoles, state.Leader, state.Members.Select(MemberFacts.Of), state.Unreachable.Select(m => m.Address),
            stats?.Regions.ToDictionary(r => r.Key, r => (IEnumerable<string>)r.Value.Stats.Keys), SingletonHost(state)?.Address);

    /// <summary>Where a singleton of the SolarHub role runs, as Akka's singleton manager chooses it: the oldest Up (or leaving) member of that role.</summary>
    public static Member? SingletonHost(ClusterEvent.CurrentClusterState state) =>
        state.Members.Where(m => m.HasRole(NodeNames.NodeRole) && m.Status is MemberStatus.Up or MemberStatus.Leaving)
            .OrderBy(m => m, Member.AgeOrdering).FirstOrDefault();

    /// <param name="shardsPerRegion">Per region's address the shard ids it hosts; null when unknown.</param>
    /// <param name="configWriter">The member that runs the configuration writer; null when none is Up.</param>
    public static ClusterView Build(Address self, IEnumerable<string> selfRoles, Address? leader, IEnumerable<MemberFacts> members,
        IEnumerable<Address> unreachable, IReadOnlyDictionary<Address, IEnumerable<string>>? shardsPerRegion, Address? configWriter = null)
    {
        var all = members.ToList();
        var unreachableSet = unreachable.ToHashSet();
        var names = all.ToDictionary(m => m.Address, m => NodeNames.NameOf(m.Address, m.Roles));
        string NameAt(Address a) => names.TryGetValue(a, out var n) ? n : a.ToString();

        var views = all
            .Select(m => new ClusterMemberView(names[m.Address], m.Address.ToString(), m.Status.ToString(),
                m.Roles.Order(StringComparer.Ordinal).ToList(), !unreachableSet.Contains(m.Address), m.Address == leader, m.Address == self))
            .OrderBy(v => v.Node, StringComparer.Ordinal).ThenBy(v => v.Address, StringComparer.Ordinal)
            .ToList();

        Dictionary<string, IReadOnlyList<string>>? banks = null;
        if (shardsPerRegion is not null)
        {
            // Every SolarHub member has an entry, an empty one when it runs no bank (e.g. after it left).
            var lists = views.Where(v => v.Roles.Contains(NodeNames.NodeRole)).ToDictionary(v => v.Node, _ => new SortedSet<string>(StringComparer.Ordinal));
            foreach (var (region, shards) in shardsPerRegion)
            {
                // Sharding names its own node's region by the full address; a local one is this node all the same.
                var name = region.HasLocalScope ? NameAt(self) : NameAt(region);
                if (!lists.TryGetValue(name, out var set)) lists[name] = set = new SortedSet<string>(StringComparer.Ordinal);
                set.UnionWith(shards);
            }
            banks = lists.OrderBy(l => l.Key, StringComparer.Ordinal).ToDictionary(l => l.Key, l => (IReadOnlyList<string>)l.Value.ToList());
        }

        string selfName = names.TryGetValue(self, out var own) ? own : NodeNames.NameOf(self, selfRoles);
        return new ClusterView(selfName, leader is null ? null : NameAt(leader), views,
            views.Where(v => !v.Reachable).Select(v => v.Node).ToList(), banks)
        {
            ConfigWriter = configWriter is null ? null : NameAt(configWriter),
        };
    }
}

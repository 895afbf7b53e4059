using Akka.Actor;
using Akka.Cluster;

namespace SolarHub.Cluster.Membership;

/// <summary>
/// A node's name travels as a cluster role (<c>node.&lt;name&gt;</c>), so every member knows every other member's name
/// from the membership alone, without asking.
/// </summary>
public static class NodeNames
{
    // No ":" in a role: Akka.Hosting writes roles into HOCON unquoted.
    private const string Prefix = "node.";

    /// <summary>Every SolarHub node has this role (banks and adapters run only on such nodes).</summary>
    public const string NodeRole = "solarhub";

    public static string RoleOf(string node) => Prefix + node;

    /// <summary>The member's node name, or its address when it has none (a member that is not a SolarHub node).</summary>
    public static string NameOf(Member member) => NameOf(member.Address, member.Roles);

    /// <summary>The node name in <paramref name="roles"/>, or <paramref name="address"/> when they name none.</summary>
    public static string NameOf(Address address, IEnumerable<string> roles) =>
        roles.FirstOrDefault(r => r.StartsWith(Prefix, StringComparison.Ordinal)) is { } role ? role[Prefix.Length..] : address.ToString();

    /// <summary>Whether <paramref name="member"/> is Up (or WeaklyUp): a member that runs what it is given and answers.</summary>
    public static bool IsUp(Member member) => member.Status is MemberStatus.Up or MemberStatus.WeaklyUp;

    /// <summary>The address of the member named <paramref name="node"/> that is Up (or WeaklyUp) and reachable from here, if any.</summary>
    public static Address? AddressOf(ClusterEvent.CurrentClusterState state, string node) =>
        state.Members.FirstOrDefault(m => IsUp(m) && m.HasRole(RoleOf(node)) && !state.Unreachable.Contains(m))?.Address;
}

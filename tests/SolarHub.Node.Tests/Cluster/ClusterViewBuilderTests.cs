using Akka.Actor;
using Akka.Cluster;
using SolarHub.Node.Api.Actors;
using SolarHub.Node.Api.Cluster;

namespace SolarHub.Node.Tests.Cluster;

public sealed class ClusterViewBuilderTests
{
    private static readonly Address N1 = new("akka.tcp", "solarhub", "10.0.0.1", 4053);
    private static readonly Address N2 = new("akka.tcp", "solarhub", "10.0.0.2", 4053);
    private static readonly Address N3 = new("akka.tcp", "solarhub", "10.0.0.3", 4053);

    private static MemberFacts Member(Address address, string node, MemberStatus status = MemberStatus.Up) =>
        new(address, status, ["solarhub", $"node.{node}"]);

    [Fact]
    public void Members_are_named_by_their_role_with_status_reachability_leader_and_self()
    {
        var view = ClusterViewBuilder.Build(N2, ["solarhub", "node.n2"], N1,
            [Member(N3, "n3", MemberStatus.Leaving), Member(N1, "n1"), Member(N2, "n2")], [N3], shardsPerRegion: null);

        view.Self.Should().Be("n2");
        view.Leader.Should().Be("n1");
        view.Members.Select(m => m.Node).Should().Equal("n1", "n2", "n3");
        view.Members[0].Should().BeEquivalentTo(new ClusterMemberView("n1", "akka.tcp://solarhub@10.0.0.1:4053", "Up", ["node.n1", "solarhub"], true, true, false));
        view.Members[1].Self.Should().BeTrue();
        view.Members[2].Status.Should().Be("Leaving");
        view.Members[2].Reachable.Should().BeFalse();
        view.Unreachable.Should().Equal("n3");
        view.BanksPerNode.Should().BeNull("sharding did not say");
        view.ConfigWriter.Should().BeNull("no writer was named");
    }

    [Fact]
    public void Banks_per_node_come_from_the_regions_shard_ids_with_an_empty_list_for_a_node_without_banks()
    {
        var shards = new Dictionary<Address, IEnumerable<string>>
        {
            [N1] = ["shed", "house"],
            [N2] = ["garage"],
        };
        var view = ClusterViewBuilder.Build(N1, ["solarhub", "node.n1"], N1, [Member(N1, "n1"), Member(N2, "n2"), Member(N3, "n3")], [], shards, configWriter: N2);

        view.BanksPerNode.Should().NotBeNull();
        view.BanksPerNode!.Keys.Should().Equal("n1", "n2", "n3");
        view.BanksPerNode["n1"].Should().Equal("house", "shed");
        view.BanksPerNode["n2"].Should().Equal("garage");
        view.BanksPerNode["n3"].Should().BeEmpty();
        view.Unreachable.Should().BeEmpty();
        view.ConfigWriter.Should().Be("n2");
    }

    [Fact]
    public void A_local_region_address_is_this_node_and_a_region_of_no_member_is_named_by_its_address()
    {
        var local = new Address("akka", "solarhub");
        var stranger = new Address("akka.tcp", "solarhub", "10.0.0.9", 4053);
        var shards = new Dictionary<Address, IEnumerable<string>> { [local] = ["house"], [stranger] = ["barn"] };

        var view = ClusterViewBuilder.Build(N1, ["solarhub", "node.n1"], leader: null, [Member(N1, "n1")], [], shards);

        view.Leader.Should().BeNull();
        view.BanksPerNode!["n1"].Should().Equal("house");
        view.BanksPerNode[stranger.ToString()].Should().Equal("barn");
    }

    [Fact]
    public void A_node_not_yet_a_member_is_named_by_its_own_roles_and_a_member_without_a_node_role_by_its_address()
    {
        var tool = new MemberFacts(N3, MemberStatus.Up, ["tools"]);
        var view = ClusterViewBuilder.Build(N1, ["solarhub", "node.n1"], N3, [tool], [], new Dictionary<Address, IEnumerable<string>>());

        view.Self.Should().Be("n1");
        view.Leader.Should().Be(N3.ToString());
        view.Members.Single().Node.Should().Be(N3.ToString());
        view.BanksPerNode.Should().BeEmpty("only SolarHub members run banks");
    }

    [Theory]
    [InlineData("/", "root guardian")]
    [InlineData("/system", "system guardian (only Cluster Sharding shown)")]
    [InlineData("/system/sharding/bank", "shard region of the banks")]
    [InlineData("/system/sharding/bankCoordinator", "shard coordinator of the banks (singleton)")]
    [InlineData("/system/sharding/bank/house", "shard: bank house")]
    [InlineData("/system/sharding/bank/house/house", "bank entity: bank house")]
    [InlineData("/system/sharding/bank/house/house/bank", "bank supervisor: bank house")]
    [InlineData("/system/sharding/bank/house/house/bank/adapter-gw-1-2", "adapter backoff supervisor: adapter gw-1 (generation 2)")]
    [InlineData("/system/sharding/bank/house/house/bank/adapter-gw-1-2/connection", "adapter connection: adapter gw-1")]
    [InlineData("/user/solarhub-actor-tree", "actor tree service (answers GET /api/actors?node= from other nodes)")]
    [InlineData("/user/solarhub-config-writer/solarhub-config-writer/inbox", "configuration inbox (the writer's lease; takes solarhub config's writes from the database)")]
    [InlineData("/user/solarhub-config-writer/solarhub-config-writer/store/store-2", "configuration store (persistent, journal in the database)")]
    public void A_clustered_nodes_sharded_banks_have_their_roles(string path, string role) =>
        new ActorRoles([]).Describe(path).Should().Be(role);
}

using Akka.Actor;
using SolarHub.Cli.Run;
using SolarHub.Cluster.Adapters;
using SolarHub.Cluster.Banks;
using SolarHub.Cluster.Hosting;
using SolarHub.Configuration;
using SolarHub.Core.Banks;

namespace SolarHub.Cluster.Tests;

/// <summary>The cluster's plain rules: how a node is named and reached, how banks are routed, where adapters run.</summary>
public sealed class ClusterRulesTests
{
    private static readonly IReadOnlyDictionary<string, string> NoEnvironment = new Dictionary<string, string>();

    [Theory]
    [InlineData("127.0.0.1:4053", "127.0.0.1", 4053)]
    [InlineData(" pi-garage.local:2552 ", "pi-garage.local", 2552)]
    [InlineData("[::1]:4053", "::1", 4053)]
    public void A_remoting_address_is_host_and_port(string text, string host, int port)
    {
        RemotingEndpoint.TryParse(text, out var endpoint, out _).Should().BeTrue();
        endpoint.Should().Be(new RemotingEndpoint(host, port));
    }

    [Theory]
    [InlineData("4053", "is not host:port")]
    [InlineData("host:", "is not host:port")]
    [InlineData("host:70000", "is not a port")]
    [InlineData("host:x", "is not a port")]
    public void A_bad_remoting_address_says_what_is_wrong(string text, string problem)
    {
        RemotingEndpoint.TryParse(text, out _, out var error).Should().BeFalse();
        error.Should().Contain(problem);
    }

    [Fact]
    public void A_node_that_cannot_join_through_its_seeds_gives_up_after_a_minute_by_default()
    {
        // Akka's default ("off") waits for ever: a node killed and started again at once was seen to wait so (docs/cluster.md).
        SolarHubClusterHosting.ClusterDefaults.GetTimeSpan("akka.cluster.shutdown-after-unsuccessful-join-seed-nodes", null, allowInfinite: true)
            .Should().Be(TimeSpan.FromSeconds(60));
    }

    [Fact]
    public void Without_cluster_settings_the_node_runs_alone()
    {
        Resolve(new ClusterArguments(null, null, null, null), out var error).Should().BeNull();
        error.Should().BeNull();
    }

    [Fact]
    public void Options_win_over_the_environment_and_the_environment_over_hocon()
    {
        var hocon = Akka.Configuration.ConfigurationFactory.ParseString("solarhub.cluster { enabled = on, node = from-hocon, remoting = \"10.0.0.1:1\", seeds = [\"10.0.0.1:1\"] }");
        var environment = new Dictionary<string, string> { ["SOLARHUB_NODE"] = "from-env", ["SOLARHUB_SEEDS"] = "127.0.0.1:5000,127.0.0.1:5001" };

        var options = new ClusterArguments(null, null, "127.0.0.1:4060", null).Resolve(hocon, environment.GetValueOrDefault, out var error);

        error.Should().BeNull();
        options!.Node.Should().Be("from-env");
        options.Remoting.Should().Be(new RemotingEndpoint("127.0.0.1", 4060));
        options.Seeds.Should().Equal(new RemotingEndpoint("127.0.0.1", 5000), new RemotingEndpoint("127.0.0.1", 5001));
    }

    [Fact]
    public void A_lone_cluster_node_listens_on_loopback_and_seeds_itself()
    {
        var options = Resolve(new ClusterArguments(true, "n1", null, null), out _);

        options!.Remoting.Should().Be(new RemotingEndpoint("127.0.0.1", 4053));
        options.Seeds.Should().Equal(options.Remoting);
    }

    [Theory]
    [InlineData(true, null, null, null, "--cluster needs the node's name")]
    [InlineData(true, "pi garage", null, null, "--node:")]
    [InlineData(true, "n1", "4053", null, "--remoting:")]
    [InlineData(true, "n1", null, "127.0.0.1:1,nope", "--seeds:")]
    [InlineData(null, "n1", null, null, "--node applies to a cluster only")]
    public void Bad_cluster_settings_name_the_setting(bool? cluster, string? node, string? remoting, string? seeds, string expected)
    {
        Resolve(new ClusterArguments(cluster, node, remoting, seeds), out var error).Should().BeNull();
        error.Should().Contain(expected);
    }

    [Fact]
    public void Banks_are_routed_by_id_one_shard_each()
    {
        var extractor = new BankMessageExtractor();
        var envelope = new BankEnvelope("house", GetBankSnapshot.Instance);

        extractor.EntityId(envelope).Should().Be("house");
        extractor.ShardId(envelope).Should().Be("house");
        extractor.EntityMessage(envelope).Should().BeSameAs(GetBankSnapshot.Instance);
        extractor.EntityId("not an envelope").Should().BeNull();
    }

    [Fact]
    public void An_adapter_runs_on_the_node_it_names_a_tcp_one_without_a_node_beside_its_bank_and_a_serial_one_nowhere()
    {
        var placement = new ClusterAdapterPlacement("n1", TimeSpan.FromSeconds(1));
        var tcp = new AdapterConfig("gw", AdapterProtocol.JkPassive, new TcpTransport("127.0.0.1", 8899));
        var serial = new AdapterConfig("usb", AdapterProtocol.JkPassive, new SerialTransport("/dev/ttyUSB0", 115200));
        PackConfig[] packs = [new(1)];

        placement.Elsewhere("house", tcp, packs, ActorRefs.Nobody, urgent: false).Should().BeNull("it runs beside its bank");
        placement.Elsewhere("house", serial with { Node = "n1" }, packs, ActorRefs.Nobody, urgent: false).Should().BeNull("its port is here");
        placement.Elsewhere("house", serial with { Node = "n2" }, packs, ActorRefs.Nobody, urgent: false)!.Type.Should().Be<RemoteAdapterProxy>();
        placement.Elsewhere("house", tcp with { Node = "n3" }, packs, ActorRefs.Nobody, urgent: false)!.Type.Should().Be<RemoteAdapterProxy>();
        placement.Elsewhere("house", serial, packs, ActorRefs.Nobody, urgent: false)!.Type.Should().Be<UnplacedAdapter>("no node can tell where the port is");
    }

    private static SolarHubClusterOptions? Resolve(ClusterArguments arguments, out string? error) =>
        arguments.Resolve(null, NoEnvironment.GetValueOrDefault, out error);
}

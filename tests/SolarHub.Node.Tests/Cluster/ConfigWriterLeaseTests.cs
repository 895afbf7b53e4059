using SolarHub.Cluster.Hosting;
using SolarHub.ConfigStore.ClusterWriter;
using SolarHub.Database;
using SolarHub.Node.Api;
using SolarHub.Node.Tests.Support;

namespace SolarHub.Node.Tests.Cluster;

/// <summary>
/// Only a cluster's configuration writer takes the lease that sends <c>solarhub config</c> through it
/// (docs/cluster.md, "The configuration in a cluster"): a single node never does, so the CLI keeps writing itself.
/// </summary>
public sealed class ConfigWriterLeaseTests
{
    [Fact]
    public async Task A_cluster_member_running_the_writer_keeps_the_lease_fresh_in_its_name()
    {
        var remoting = new RemotingEndpoint("127.0.0.1", LoopbackPorts.Free());
        await using var node = await ApiNode.StartAsync([("porch", 1, [("porch-gw", true, false)])], new ApiOptions(),
            cluster: new SolarHubClusterOptions("n1", remoting, [remoting]));
        var client = new ClusterWriterClient(new ConfigWriterTables(ConfigDatabase.Sqlite(node.DatabasePath)));

        var lease = await Wait.UntilAsync(() => client.LiveWriterAsync(default), l => l is not null, "the writer taking the lease", TimeSpan.FromSeconds(30));
        lease!.Node.Should().Be("n1");
        await Task.Delay(WriterLease.FreshFor + TimeSpan.FromSeconds(1));
        (await client.LiveWriterAsync(default)).Should().NotBeNull("the writer renews its lease every second");
    }

    [Fact]
    public async Task A_single_node_takes_no_lease()
    {
        await using var node = await ApiNode.StartAsync([("porch", 1, [("porch-gw", true, false)])], new ApiOptions());
        await node.PollAsync("/api/banks/porch", b => b["state"]!.GetValue<string>() == "Healthy", "the bank healthy");
        await Task.Delay(ConfigInboxWriter.RenewEvery * 2);

        (await new WriterLeaseTable(new ConfigWriterTables(ConfigDatabase.Sqlite(node.DatabasePath))).ReadAsync(default)).Should().BeNull();
    }
}

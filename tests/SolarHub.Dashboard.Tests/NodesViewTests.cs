using SolarHub.Cluster.Hosting;
using SolarHub.Dashboard.Tests.Support;
using SolarHub.Node.Api;
using SolarHub.Node.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace SolarHub.Dashboard.Tests;

/// <summary>The nodes view (<c>#/nodes</c>): a row per cluster member; on a node that is not clustered, none.</summary>
[Collection(DashboardCollection.Name)]
public sealed class NodesViewTests(Chromium chromium, DashboardNode node, NodesViewTests.LoneMember member) : IClassFixture<NodesViewTests.LoneMember>
{
    [Fact]
    public async Task A_cluster_member_is_a_row_with_the_banks_it_runs()
    {
        await chromium.InTabAsync(member.Node.Address, "/#/nodes", async tab =>
        {
            var row = tab.Page.Locator("[data-testid='node-row'][data-node='n1']");
            await Expect(tab.ByTestId("node-row")).ToHaveCountAsync(1, new() { Timeout = 15_000 });
            await Expect(row).ToContainTextAsync("porch", new() { Timeout = 15_000 });
        });
    }

    [Fact]
    public async Task A_node_that_is_not_clustered_shows_no_member()
    {
        await chromium.InTabAsync(node.Node.Address, "/#/nodes", async tab =>
        {
            // Rendered and following the node (so a row would be there by now), yet no member.
            await Expect(tab.ByTestId("stream-status")).ToHaveAttributeAsync("data-state", "live", new() { Timeout = 10_000 });
            await Expect(tab.ByTestId("node-row")).ToHaveCountAsync(0);
        });
    }

    /// <summary>A cluster of one node, n1, running bank "porch" (1 pack): enough for GET /api/cluster to have a member.</summary>
    public sealed class LoneMember : IAsyncLifetime
    {
        public ApiNode Node { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            var remoting = new RemotingEndpoint("127.0.0.1", LoopbackPorts.Free());
            Node = await ApiNode.StartAsync([("porch", 1, [("porch-gw", true, false)])], new ApiOptions(),
                cluster: new SolarHubClusterOptions("n1", remoting, [remoting]));
            await Node.PollAsync("/api/cluster", c => c["banksPerNode"]?["n1"]?.AsArray().Count == 1, "had n1 run porch", TimeSpan.FromSeconds(30));
        }

        public async Task DisposeAsync() => await Node.DisposeAsync();
    }
}

using System.Diagnostics;
using System.Net;
using SolarHub.Dashboard.Tests.Support;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace SolarHub.Dashboard.Tests;

/// <summary>What the dashboard shows while something fails: a gateway resets, a pack goes quiet, the event stream is lost.</summary>
[Collection(DashboardCollection.Name)]
public sealed class FaultTests(Chromium chromium, DashboardNode node, ITestOutputHelper output)
{
    private const string Primary = DashboardNode.Primary;
    private const string Secondary = DashboardNode.Secondary;

    [Fact]
    public async Task After_a_reset_of_the_primary_gateway_the_bank_page_shows_the_failover_within_3_s()
    {
        await node.SettledAsync();
        await chromium.InTabAsync(node.Node.Address, "/#/banks/house", async tab =>
        {
            await Expect(tab.AdapterRow(Primary)).ToHaveAttributeAsync("data-active", "true", new() { Timeout = 10_000 });
            await Expect(tab.ByTestId("stream-status")).ToHaveAttributeAsync("data-state", "live", new() { Timeout = 10_000 });
            int entriesBefore = await tab.ByTestId("timeline-entry").CountAsync();

            var sinceReset = Stopwatch.StartNew();
            node.Node.Gateway(Primary).Faults.ResetConnections();
            try
            {
                var limit = TimeSpan.FromSeconds(3);
                await Expect(tab.AdapterRow(Secondary)).ToHaveAttributeAsync("data-active", "true", new() { Timeout = Left(limit, sinceReset) });
                await Expect(tab.AdapterRow(Primary)).ToHaveAttributeAsync("data-active", "false", new() { Timeout = Left(limit, sinceReset) });
                // The entry itself, not just both names: the previous test's failback (secondary → primary) names both
                // too, and the adapter rows can move before the failover's event reaches the timeline.
                var newest = tab.ByTestId("timeline-entry").First;
                await Expect(newest).ToContainTextAsync($"{Primary} → {Secondary}", new() { Timeout = Left(limit, sinceReset) });
                await Expect(newest).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bfailover\b"), new() { Timeout = Left(limit, sinceReset) });
                sinceReset.Elapsed.Should().BeLessThan(limit, "the failover must show within 3 s of the reset");
                output.WriteLine($"the page showed the failover {sinceReset.ElapsedMilliseconds} ms after the reset");
                int entries = await tab.ByTestId("timeline-entry").CountAsync();
                entries.Should().BeGreaterThan(entriesBefore, "the failover adds an entry to the timeline");
                // The count moves with the event too, not only with the next snapshot (every 10 s).
                await Expect(tab.ByTestId("failover-count")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex($"^{entries} switch"), new() { Timeout = 1_000 });
                await Expect(tab.ByTestId("event-entry").First).ToBeVisibleAsync(new() { Timeout = 5_000 });
                await tab.ByTestId("failover-timeline").ScrollIntoViewIfNeededAsync();
                await tab.ScreenshotAsync(nameof(After_a_reset_of_the_primary_gateway_the_bank_page_shows_the_failover_within_3_s) + "-failover");
            }
            finally
            {
                await node.SettledAsync();
            }
            // And back: the primary reconnects and, after the hold-down, the bank fails back to it.
            await Expect(tab.AdapterRow(Primary)).ToHaveAttributeAsync("data-active", "true", new() { Timeout = 10_000 });
        });
    }

    [Fact]
    public async Task A_silenced_pack_turns_stale_and_fresh_again()
    {
        await node.SettledAsync();
        var faults = node.Node.Gateway("shed-gw").Faults;
        await chromium.InTabAsync(node.Node.Address, "/#/banks/shed", async tab =>
        {
            await Expect(tab.Pack(2)).ToHaveAttributeAsync("data-stale", "false", new() { Timeout = 10_000 });

            faults.MakePackMissing(2);
            try
            {
                // Stale after pack-stale-after (3 s) without a frame; a few seconds more for the event to reach the page.
                await Expect(tab.Pack(2)).ToHaveAttributeAsync("data-stale", "true", new() { Timeout = 8_000 });
                await Expect(tab.Pack(1)).ToHaveAttributeAsync("data-stale", "false");
            }
            finally
            {
                faults.RestorePack(2);
            }
            await Expect(tab.Pack(2)).ToHaveAttributeAsync("data-stale", "false", new() { Timeout = 8_000 });
        });
        await node.SettledAsync();
    }

    [Fact]
    public async Task A_silent_gateway_turns_the_bank_tile_stale()
    {
        await node.SettledAsync();
        var faults = node.Node.Gateway("shed-gw").Faults;
        await chromium.InTabAsync(node.Node.Address, "/#/", async tab =>
        {
            await Expect(tab.BankTile("shed")).ToHaveAttributeAsync("data-stale", "false", new() { Timeout = 10_000 });

            faults.Silence();
            try
            {
                await Expect(tab.BankTile("shed")).ToHaveAttributeAsync("data-stale", "true", new() { Timeout = 10_000 });
                await Expect(tab.BankTile("house")).ToHaveAttributeAsync("data-stale", "false");
            }
            finally
            {
                faults.Clear(SolarHub.Simulator.FaultKind.Silence);
            }
            await Expect(tab.BankTile("shed")).ToHaveAttributeAsync("data-stale", "false", new() { Timeout = 15_000 });
        });
        await node.SettledAsync();
    }

    [Fact]
    public async Task A_lost_event_stream_shows_down_and_comes_back_live()
    {
        // The browser reaches the node through a relay that can drop the network (Chromium's offline emulation leaves an
        // open event stream alone).
        await using var network = new TcpRelay(new IPEndPoint(IPAddress.Loopback, node.Node.Address.Port));
        network.Start();
        await chromium.InTabAsync(new Uri($"http://127.0.0.1:{network.Port}/"), "/#/", async tab =>
        {
            var status = tab.ByTestId("stream-status");
            await Expect(status).ToHaveAttributeAsync("data-state", "live", new() { Timeout = 10_000 });

            network.Cut();
            await Expect(status).ToHaveAttributeAsync("data-state", "down", new() { Timeout = 5_000 });
            network.Resume();

            // The node tells clients to reconnect after 3 s (retry: 3000); then the figures move again.
            await Expect(status).ToHaveAttributeAsync("data-state", "live", new() { Timeout = 10_000 });
            var current = tab.BankTile("house").GetByTestId("current");
            string before = await current.InnerTextAsync();
            await Expect(current).Not.ToHaveTextAsync(before, new() { Timeout = 5_000 });
        }, expectedError: LostNetwork);
    }

    /// <summary>Chromium logs each request the cut network fails (net::ERR_EMPTY_RESPONSE, ...): what this test provokes.</summary>
    private static bool LostNetwork(string error) => error.Contains("Failed to load resource: net::ERR_", StringComparison.Ordinal);

    /// <summary>What is left of <paramref name="limit"/>, in ms, at least 1 (Playwright takes 0 as no timeout at all).</summary>
    private static float Left(TimeSpan limit, Stopwatch since) => (float)Math.Max(1, (limit - since.Elapsed).TotalMilliseconds);
}

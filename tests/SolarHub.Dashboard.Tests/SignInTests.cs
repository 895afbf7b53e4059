using SolarHub.Dashboard.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace SolarHub.Dashboard.Tests;

/// <summary>Adapter actions need the node's API token: they work signed in, and are absent or refused otherwise.</summary>
[Collection(DashboardCollection.Name)]
public sealed class SignInTests(Chromium chromium, DashboardNode node)
{
    private const string Primary = DashboardNode.Primary;
    private const string Secondary = DashboardNode.Secondary;
    private static readonly string[] Actions = ["action-activate", "action-release", "action-disable", "action-enable"];

    [Fact]
    public async Task Signed_in_an_operator_forces_the_secondary_active_and_releases_it()
    {
        await node.SettledAsync();
        await chromium.InTabAsync(node.Node.Address, "/#/banks/house", async tab =>
        {
            await Expect(tab.AdapterRow(Primary)).ToHaveAttributeAsync("data-active", "true", new() { Timeout = 10_000 });
            await SignInAsync(tab, DashboardNode.Token);

            try
            {
                await tab.AdapterRow(Secondary).GetByTestId("action-activate").ClickAsync();
                await Expect(tab.AdapterRow(Secondary)).ToHaveAttributeAsync("data-active", "true", new() { Timeout = 5_000 });
                (await node.Node.GetJsonAsync("/api/banks/house"))["forcedAdapter"]!.GetValue<string>().Should().Be(Secondary);

                await tab.AdapterRow(Secondary).GetByTestId("action-release").ClickAsync();
                // Released, the failover policy chooses the primary again (healthy far longer than the hold-down).
                await Expect(tab.AdapterRow(Primary)).ToHaveAttributeAsync("data-active", "true", new() { Timeout = 10_000 });
                await Expect(tab.ByTestId("action-error")).ToHaveCountAsync(0);
            }
            finally
            {
                await node.Node.SendAsync(HttpMethod.Delete, $"/api/banks/house/adapters/{Secondary}/activate", DashboardNode.Token);
            }

            await tab.ByTestId("sign-out").ClickAsync();
            await ExpectNoActionsAsync(tab);
        });
        await node.SettledAsync();
    }

    [Fact]
    public async Task Signed_in_an_operator_disables_the_secondary_and_enables_it_again()
    {
        await node.SettledAsync();
        await chromium.InTabAsync(node.Node.Address, "/#/banks/house", async tab =>
        {
            var row = tab.AdapterRow(Secondary);
            await Expect(row).ToHaveAttributeAsync("data-state", "Healthy", new() { Timeout = 10_000 });
            await SignInAsync(tab, DashboardNode.Token);

            try
            {
                await row.GetByTestId("action-disable").ClickAsync();
                // Disabled through the configuration store: the adapter stops, and only Enable is offered for it.
                await Expect(row).ToHaveAttributeAsync("data-state", "Stopped", new() { Timeout = 5_000 });
                await Expect(row.GetByTestId("action-enable")).ToBeVisibleAsync();
                await Expect(row.GetByTestId("action-activate")).ToHaveCountAsync(0);

                await row.GetByTestId("action-enable").ClickAsync();
                await Expect(row).ToHaveAttributeAsync("data-state", "Healthy", new() { Timeout = 10_000 });
                await Expect(tab.ByTestId("action-error")).ToHaveCountAsync(0);
            }
            finally
            {
                await node.Node.SendAsync(HttpMethod.Post, $"/api/banks/house/adapters/{Secondary}/enable", DashboardNode.Token);
            }
        });
        await node.SettledAsync();
    }

    [Fact]
    public async Task Signed_out_there_are_no_actions()
    {
        await chromium.InTabAsync(node.Node.Address, "/#/banks/house", async tab =>
        {
            await Expect(tab.AdapterRow(Secondary)).ToBeVisibleAsync(new() { Timeout = 10_000 });

            await ExpectNoActionsAsync(tab);
            await Expect(tab.ByTestId("sign-in")).ToBeVisibleAsync();
        });
    }

    [Fact]
    public async Task With_a_wrong_token_an_action_is_refused_and_changes_nothing()
    {
        await node.SettledAsync();
        await chromium.InTabAsync(node.Node.Address, "/#/banks/house", async tab =>
        {
            await Expect(tab.AdapterRow(Secondary)).ToBeVisibleAsync(new() { Timeout = 10_000 });
            await SignInAsync(tab, "not-the-token");

            await tab.AdapterRow(Secondary).GetByTestId("action-activate").ClickAsync();

            await Expect(tab.ByTestId("action-error")).ToBeVisibleAsync(new() { Timeout = 5_000 });
            await Expect(tab.AdapterRow(Secondary)).ToHaveAttributeAsync("data-active", "false");
            (await node.Node.GetJsonAsync("/api/banks/house"))["forcedAdapter"].Should().BeNull("the node refused the action");
        }, expectedError: RefusedRequest);
    }

    private static async Task SignInAsync(DashboardTab tab, string token)
    {
        await tab.ByTestId("sign-in").ClickAsync();
        await tab.ByTestId("token-input").FillAsync(token);
        await tab.ByTestId("sign-in-submit").ClickAsync();
        await Expect(tab.ByTestId("sign-out")).ToBeVisibleAsync();
    }

    private static async Task ExpectNoActionsAsync(DashboardTab tab)
    {
        foreach (var action in Actions) await Expect(tab.ByTestId(action)).ToHaveCountAsync(0);
    }

    /// <summary>Chromium logs every 401 answer as a failed resource: the refusal this test provokes.</summary>
    private static bool RefusedRequest(string error) => error.Contains("status of 401", StringComparison.Ordinal);
}

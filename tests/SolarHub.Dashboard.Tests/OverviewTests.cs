using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SolarHub.Dashboard.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace SolarHub.Dashboard.Tests;

/// <summary>The overview (<c>#/</c>): a tile per bank with live figures, the event stream's state, on a desktop and a phone.</summary>
[Collection(DashboardCollection.Name)]
public sealed partial class OverviewTests(Chromium chromium, DashboardNode node)
{
    [Fact]
    public async Task Overview_shows_every_bank_with_live_values_that_change()
    {
        await node.SettledAsync();
        await chromium.InTabAsync(node.Node.Address, "/#/", async tab =>
        {
            var banks = (await node.Node.GetJsonAsync("/api/banks")).AsArray();
            await Expect(tab.ByTestId("bank-tile")).ToHaveCountAsync(banks.Count, new() { Timeout = 10_000 });
            await Expect(tab.ByTestId("stream-status")).ToHaveAttributeAsync("data-state", "live", new() { Timeout = 10_000 });

            foreach (var bank in banks)
            {
                string id = bank!["id"]!.GetValue<string>();
                var tile = tab.BankTile(id);
                await Expect(tile).ToHaveAttributeAsync("data-stale", "false");
                foreach (var figure in new[] { "soc", "voltage", "current", "power", "cell-delta", "temp-max" })
                    await Expect(tile.GetByTestId(figure)).ToHaveTextAsync(Number(), new() { Timeout = 10_000 });
                await Expect(tile.GetByTestId("alarms")).ToBeVisibleAsync();
                await Expect(tile.GetByTestId("data-age")).ToBeVisibleAsync();
                await Expect(tile.GetByTestId("active-adapter")).ToHaveTextAsync(bank["activeAdapter"]!.GetValue<string>());

                // Figures are the bank's own, not placeholders: the tile's voltage and SOC are the API's, give or take what
                // changed between the two readings.
                double voltage = FirstNumber(await tile.GetByTestId("voltage").InnerTextAsync());
                voltage.Should().BeApproximately(bank["voltage"]!.GetValue<double>(), 1.0, $"{id}'s tile shows the bank's voltage");
                double soc = FirstNumber(await tile.GetByTestId("soc").InnerTextAsync());
                soc.Should().BeApproximately(bank["soc"]!.GetValue<double>(), 2, $"{id}'s tile shows the bank's SOC");

                // Every adapter of the bank with its state, as the API says it.
                var adapters = (await node.Node.GetJsonAsync($"/api/banks/{id}"))["adapters"]!.AsArray();
                await Expect(tile.GetByTestId("adapter-health")).ToHaveCountAsync(adapters.Count);
                foreach (var adapter in adapters)
                    await Expect(tile.Locator($"[data-testid='adapter-health'][data-adapter-id='{adapter!["id"]!.GetValue<string>()}']"))
                        .ToHaveAttributeAsync("data-state", adapter["state"]!.GetValue<string>());
            }

            // Live: the current (it wanders every poll) and the power of each tile change within a few seconds.
            foreach (var bank in banks)
            {
                var tile = tab.BankTile(bank!["id"]!.GetValue<string>());
                foreach (var figure in new[] { "current", "power" })
                {
                    string before = await tile.GetByTestId(figure).InnerTextAsync();
                    await Expect(tile.GetByTestId(figure)).Not.ToHaveTextAsync(before, new() { Timeout = 5_000 });
                }
            }
        });
    }

    [Fact]
    public async Task A_tile_leads_to_its_bank_page()
    {
        await chromium.InTabAsync(node.Node.Address, "/#/", async tab =>
        {
            await tab.BankTile("shed").ClickAsync();

            await Expect(tab.Page).ToHaveURLAsync(new Regex("#/banks/shed$"));
            await Expect(tab.ByTestId("pack")).ToHaveCountAsync(2, new() { Timeout = 10_000 });
        });
    }

    [Theory]
    [InlineData("/#/", "bank-tile")]
    [InlineData("/#/banks/house", "cell")]
    [InlineData("/#/banks/house/history", "history-chart")]
    public async Task On_a_phone_nothing_scrolls_sideways(string route, string content)
    {
        await chromium.InTabAsync(node.Node.Address, route, async tab =>
        {
            await Expect(tab.ByTestId(content).First).ToBeVisibleAsync(new() { Timeout = 10_000 });

            var widths = await tab.Page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
            widths[0].Should().BeLessThanOrEqualTo(widths[1], $"{route} must fit a {Chromium.Phone.Width} px wide phone without scrolling sideways");
        }, Chromium.Phone, name: $"{nameof(On_a_phone_nothing_scrolls_sideways)}-{content}");
    }

    /// <summary>A figure: a number, whatever the unit around it.</summary>
    private static Regex Number() => NumberPattern();

    private static double FirstNumber(string text) =>
        double.Parse(NumberPattern().Match(text.Replace('−', '-')).Value, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"-?\d+(\.\d+)?")]
    private static partial Regex NumberPattern();
}

using System.Text.Json.Nodes;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using SolarHub.ConfigStore;
using SolarHub.Configuration.Alerts;
using SolarHub.Dashboard.Tests.Support;
using SolarHub.Simulator;
using static Microsoft.Playwright.Assertions;

namespace SolarHub.Dashboard.Tests;

/// <summary>The alert rules' raised alerts on a bank's tile and page, live both ways, and the bank's energy counters.</summary>
[Collection(DashboardCollection.Name)]
public sealed class AlertsAndEnergyTests(Chromium chromium, DashboardNode node)
{
    private static readonly TimeSpan Live = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_raised_alert_shows_on_the_tile_and_the_bank_page_as_it_happens_and_goes_when_it_clears_beside_the_energy_counters()
    {
        await WithShedSocLowRuleAsync(async setSoc =>
        {
            await chromium.InTabAsync(node.Node.Address, "/", async tab =>
            {
                var tile = tab.BankTile("shed");
                var socLow = tile.Locator("[data-testid='alerts'] [data-rule='soc_low']");
                await Expect(tile).ToBeVisibleAsync(new() { Timeout = 10_000 });
                await Expect(socLow).ToHaveCountAsync(0);

                setSoc(20);
                await Expect(socLow).ToHaveTextAsync("Alert: Low state of charge", new() { Timeout = (float)Live.TotalMilliseconds });
                await Expect(tab.BankTile("house").Locator("[data-rule='soc_low']")).ToHaveCountAsync(0, new() { Timeout = 1 });
                await tab.ScreenshotAsync("dashboard-alert-tile");

                await tile.ClickAsync();
                var item = tab.Page.Locator("[data-testid='alert-item'][data-rule='soc_low']");
                await Expect(item).ToContainTextAsync("bank Bank shed: low state of charge 20 %", new() { Timeout = 10_000 });
                await Expect(item).ToContainTextAsync("raised");
                // The counters come with the meter's writes (every 10 s), after each one.
                await node.Node.PollAsync("/api/banks/shed/energy", e => e["chargedKwh"] is not null, "counted the bank's energy", Live);
                await Expect(tab.ByTestId("energy")).ToContainTextAsync("kWh", new() { Timeout = (float)Live.TotalMilliseconds });
                await tab.ScreenshotAsync("dashboard-alert-bank");

                setSoc(80);
                await Expect(item).ToHaveCountAsync(0, new() { Timeout = (float)Live.TotalMilliseconds });
                await Expect(tab.ByTestId("event-log")).ToContainTextAsync("alert cleared: bank Bank shed: low state of charge");
            });
        });
    }

    [Fact]
    public async Task An_alert_raised_while_the_page_reloads_the_alerts_stays_shown_when_the_older_answer_arrives()
    {
        await WithShedSocLowRuleAsync(async setSoc =>
        {
            await chromium.InTabAsync(node.Node.Address, "/", async tab =>
            {
                var socLow = tab.BankTile("shed").Locator("[data-testid='alerts'] [data-rule='soc_low']");
                await Expect(tab.BankTile("shed")).ToBeVisibleAsync(new() { Timeout = 10_000 });
                await Expect(socLow).ToHaveCountAsync(0);

                // The page's next reload of the alerts (its 10 s refresh) is answered as the node answered before the
                // raise, but only once the raise has reached the page through the event stream. The older answer is
                // marked by a title of its own, so the page shows when it has taken it in.
                var asked = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
                var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                await tab.Page.RouteAsync("**/api/alerts", async route =>
                {
                    var before = await route.FetchAsync();
                    asked.TrySetResult(await before.TextAsync());
                    await release.Task;
                    await route.FulfillAsync(new() { Response = before, Body = Retitled(await asked.Task, "soc_low", "Older answer") });
                }, new() { Times = 1 });
                JsonNode.Parse(await asked.Task.WaitAsync(Live))!["active"]!.AsArray().Should()
                    .NotContain(a => a!["rule"]!.GetValue<string>() == "soc_low", "the answer held back predates the raise");

                setSoc(20);
                await Expect(socLow).ToHaveTextAsync("Alert: Low state of charge", new() { Timeout = (float)Live.TotalMilliseconds });
                release.SetResult();

                // Without the events seen in the meantime applied over it, the older answer took the alert away.
                await Expect(socLow).ToHaveTextAsync("Alert: Older answer", new() { Timeout = (float)Live.TotalMilliseconds });

                // Cleared before the test ends, as the other tests of the page expect none raised.
                setSoc(80);
                await Expect(socLow).ToHaveCountAsync(0, new() { Timeout = (float)Live.TotalMilliseconds });
            });
        });
    }

    /// <summary>The alerts report with one rule's title replaced in every bank.</summary>
    private static string Retitled(string report, string rule, string title)
    {
        var json = JsonNode.Parse(report)!;
        foreach (var bank in json["banks"]!.AsArray())
            foreach (var r in bank!["rules"]!.AsArray())
                if (r!["rule"]!.GetValue<string>() == rule) r["title"] = title;
        return json.ToJsonString();
    }

    /// <summary>
    /// Runs <paramref name="test"/> with a SOC rule stored for bank shed as a user would, applied live (at or below 40 % for
    /// 1 s raises, at or above 45 % for 1 s clears), and a way to set the SOC of every pack of shed's simulated bus; both
    /// undone afterwards.
    /// </summary>
    private async Task WithShedSocLowRuleAsync(Func<Action<byte>, Task> test)
    {
        await node.SettledAsync();
        var packs = (await node.Node.GetJsonAsync("/api/banks/shed"))["packs"]!.AsArray().Select(p => p!["address"]!.GetValue<byte>()).ToList();
        await ConfigureAsync(new AlertsConfig([new AlertOverride(AlertKind.SocLow, "shed", Raise: 40, Clear: 45, For: TimeSpan.FromSeconds(1))]));
        await node.Node.PollAsync("/api/alerts?bank=shed",
            a => a["banks"]![0]!["rules"]!.AsArray().Any(r => r!["rule"]!.GetValue<string>() == "soc_low" && r["raise"]?.GetValue<double>() == 40),
            "applied the stored rule");
        var gateway = node.Node.Gateway("shed-gw");
        try
        {
            await test(soc =>
            {
                foreach (var address in packs) gateway.Faults.SetPackValues(address, new PackOverrides { Soc = soc });
            });
        }
        finally
        {
            foreach (var address in packs) gateway.Faults.ClearPackValues(address);
            await ConfigureAsync(new AlertsConfig([]));
        }
    }

    private async Task ConfigureAsync(AlertsConfig alerts)
    {
        var store = node.Node.Services.GetRequiredService<IRequiredActor<ConfigStoreKey>>().ActorRef;
        (await ConfigStoreClient.ProposeAsync(store, [new AlertsConfigured(alerts)], "dashboard test", CancellationToken.None))
            .Should().BeOfType<ChangesAccepted>();
    }
}

using Microsoft.Playwright;
using SolarHub.Dashboard.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace SolarHub.Dashboard.Tests;

/// <summary>A bank's page (<c>#/banks/{id}</c>) and its history (<c>#/banks/{id}/history</c>), read only.</summary>
[Collection(DashboardCollection.Name)]
public sealed class BankPageTests(Chromium chromium, DashboardNode node)
{
    [Theory]
    [InlineData("house")]
    [InlineData("shed")]
    public async Task A_bank_page_shows_every_cell_of_every_pack(string bankId)
    {
        await node.SettledAsync();
        await chromium.InTabAsync(node.Node.Address, $"/#/banks/{bankId}", async tab =>
        {
            var bank = await node.Node.GetJsonAsync($"/api/banks/{bankId}");
            var packs = bank["packs"]!.AsArray();
            await Expect(tab.ByTestId("pack")).ToHaveCountAsync(packs.Count, new() { Timeout = 10_000 });

            foreach (var pack in packs)
            {
                int address = pack!["address"]!.GetValue<int>();
                int cells = pack["values"]!["cells"]!.AsArray().Count;
                var shown = tab.Pack(address);
                await Expect(shown).ToHaveAttributeAsync("data-stale", "false");
                await Expect(shown.GetByTestId("pack-age")).ToBeVisibleAsync();
                await Expect(shown.GetByTestId("cell")).ToHaveCountAsync(cells, new() { Timeout = 10_000 });
                var indexes = await shown.GetByTestId("cell").EvaluateAllAsync<string[]>("cells => cells.map(c => c.dataset.cellIndex)");
                indexes.Should().BeEquivalentTo(Enumerable.Range(0, cells).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                    $"pack {address} shows each of its {cells} cells once, indexed from 0");
            }

            var adapters = bank["adapters"]!.AsArray();
            await Expect(tab.ByTestId("adapter-row")).ToHaveCountAsync(adapters.Count);
            foreach (var adapter in adapters)
            {
                var row = tab.AdapterRow(adapter!["id"]!.GetValue<string>());
                await Expect(row).ToHaveAttributeAsync("data-state", adapter["state"]!.GetValue<string>());
                await Expect(row).ToHaveAttributeAsync("data-active", adapter["active"]!.GetValue<bool>() ? "true" : "false");
            }
            await Expect(tab.ByTestId("failover-timeline")).ToBeAttachedAsync();
            await Expect(tab.ByTestId("event-log")).ToBeAttachedAsync();
        }, name: $"{nameof(A_bank_page_shows_every_cell_of_every_pack)}-{bankId}");
    }

    [Fact]
    public async Task History_charts_draw_the_bank_s_history()
    {
        // The node samples every 500 ms: wait until the history has a few points to draw.
        await Wait.UntilAsync(
            async () => (await node.Node.GetJsonAsync("/api/banks/house/history?resolution=raw"))["points"]!.AsArray().Count,
            points => points >= 5, "house's history to have 5 points", TimeSpan.FromSeconds(20));
        await chromium.InTabAsync(node.Node.Address, "/#/banks/house/history", async tab =>
        {
            var charts = tab.ByTestId("history-chart");
            await Expect(charts.First).ToBeVisibleAsync(new() { Timeout = 10_000 });
            foreach (var range in new[] { "range-24h", "range-7d", "range-30d", "range-custom" })
                await Expect(tab.ByTestId(range)).ToBeVisibleAsync();

            await ExpectDrawnAsync(charts);
            await tab.ByTestId("range-7d").ClickAsync();
            await ExpectDrawnAsync(charts);
            await tab.ByTestId("range-24h").ClickAsync();
            await ExpectDrawnAsync(charts);
        });
    }

    /// <summary>
    /// Each chart has painted something: a canvas with non-transparent pixels, or SVG paths of some length (whichever the
    /// dashboard draws with). Polled, as a chart draws after its data arrives.
    /// </summary>
    private static async Task ExpectDrawnAsync(ILocator charts)
    {
        const string Drawn = """
            el => {
              const box = el.getBoundingClientRect();
              if (box.width < 100 || box.height < 50) return `only ${box.width}x${box.height} px`;
              const canvases = el.tagName === 'CANVAS' ? [el] : [...el.querySelectorAll('canvas')];
              for (const canvas of canvases) {
                const context = canvas.width && canvas.height ? canvas.getContext('2d') : null;
                if (!context) continue;
                const pixels = context.getImageData(0, 0, canvas.width, canvas.height).data;
                let painted = 0;
                for (let i = 3; i < pixels.length; i += 4) if (pixels[i] !== 0) painted++;
                if (painted > 200) return 'drawn';
              }
              for (const path of el.querySelectorAll('path, polyline'))
                if (path.getTotalLength && path.getTotalLength() > 50) return 'drawn';
              return 'blank';
            }
            """;
        int count = await charts.CountAsync();
        count.Should().BePositive();
        for (int i = 0; i < count; i++)
        {
            var chart = charts.Nth(i);
            await Wait.UntilAsync(() => chart.EvaluateAsync<string>(Drawn), s => s == "drawn",
                $"history chart {i + 1} of {count} to draw", TimeSpan.FromSeconds(10));
        }
    }
}

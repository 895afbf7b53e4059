using Microsoft.Playwright;
using SolarHub.Dashboard.Tests.Support;
using SolarHub.Database;
using SolarHub.History;
using SolarHub.History.Storage;
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
        await RecordPastDayAsync("house");
        await Wait.UntilAsync(
            async () => (await node.Node.GetJsonAsync("/api/banks/house/history?resolution=raw"))["points"]!.AsArray().Count,
            points => points >= 200, "house's history to have its past day", TimeSpan.FromSeconds(20));
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
    /// Writes the past day of the bank's totals, a sample every 10 s as a node records them, into the node's history
    /// through the history's own store: the node's own samples span only the seconds it has run, which a 24 h chart
    /// draws as a single column of pixels, or not at all when the value did not move. Writing it again changes nothing
    /// (a series keeps one sample per time).
    /// </summary>
    private async Task RecordPastDayAsync(string bankId)
    {
        const int PerDay = 24 * 60 * 6;
        var store = SqlHistoryStore.For(ConfigDatabase.Sqlite(node.Node.DatabasePath));
        var end = DateTimeOffset.UtcNow.AddMinutes(-1);
        var samples = Enumerable.Range(1, PerDay - 7).Select(i =>
        {
            var at = end.AddSeconds(-10 * i);
            double day = Math.Sin(2 * Math.PI * i / PerDay);
            double current = 45 * day, voltage = 53.0 + 0.4 * day, soc = 55 + 15 * day;
            return new HistorySample(bankId, null, at,
                [Math.Round(soc), voltage, current, voltage * current, 3.28 + 0.02 * day, 3.32 + 0.02 * day, 22 + 3 * day, 28 + 4 * day, 3]);
        }).ToList();
        await store.WriteAsync(samples);
    }

    /// <summary>
    /// Each chart has drawn its data: coloured pixels on a canvas (grid, axes and labels are grey or black, a series has a
    /// colour), or SVG paths of some length (whichever the dashboard draws with). Polled: a chart draws after its data
    /// arrives.
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
                let coloured = 0;
                for (let i = 0; i < pixels.length; i += 4)
                  if (pixels[i + 3] > 0 && Math.max(pixels[i], pixels[i + 1], pixels[i + 2]) - Math.min(pixels[i], pixels[i + 1], pixels[i + 2]) > 60) coloured++;
                if (coloured > 20) return 'drawn';
              }
              for (const path of el.querySelectorAll('path, polyline'))
                if (path.getTotalLength && path.getTotalLength() > 50) return 'drawn';
              return 'no series drawn (grid and axes only, or nothing)';
            }
            """;
        int count = await charts.CountAsync();
        count.Should().BePositive();
        for (int i = 0; i < count; i++)
        {
            var chart = charts.Nth(i);
            await Wait.UntilAsync(() => chart.EvaluateAsync<string>(Drawn), state => state == "drawn",
                $"history chart {i + 1} of {count} to draw", TimeSpan.FromSeconds(10));
        }
    }
}

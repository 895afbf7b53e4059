using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SolarHub.TestSupport;

namespace SolarHub.Cli.Tests.Inspection;

/// <summary>
/// Every kind of answer a real <c>solarhub run</c> process gives over HTTP (the demo on its own database: store, history,
/// API, events, dashboard, metrics). CI runs this against the published single file too, whose framework is trimmed:
/// a member reached only by reflection and trimmed away would fail here, not on a user's board.
/// </summary>
public sealed partial class NodeEndpointsProcessTests(DemoNode node) : IClassFixture<DemoNode>, IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = new Uri(node.Url), Timeout = TimeSpan.FromSeconds(15) };

    [Fact]
    public async Task The_api_answers_health_banks_alerts_energy_history_and_actors()
    {
        (await GetJsonAsync("/health"))["status"]!.GetValue<string>().Should().Be("Healthy");
        (await GetJsonAsync("/api/banks")).AsArray().Select(b => b!["id"]!.GetValue<string>()).Should().Contain(DemoNode.BankId);
        (await GetJsonAsync($"/api/banks/{DemoNode.BankId}"))["packs"]!.AsArray().Should().HaveCount(3);
        (await GetJsonAsync("/api/alerts"))["banks"]!.AsArray().Select(b => b!["bankId"]!.GetValue<string>()).Should().Contain(DemoNode.BankId);
        // The meter writes the counters every 10 s; before its first write the bank has none (404).
        var energy = await Wait.UntilAsync(async () =>
        {
            using var response = await _http.GetAsync($"/api/banks/{DemoNode.BankId}/energy");
            return response.IsSuccessStatusCode ? await response.Content.ReadAsStringAsync() : null;
        }, body => body is not null, "the bank's energy counted", TimeSpan.FromSeconds(30));
        JsonNode.Parse(energy!)!["bankId"]!.GetValue<string>().Should().Be(DemoNode.BankId);
        (await GetJsonAsync($"/api/banks/{DemoNode.BankId}/history")).Should().BeOfType<JsonObject>();
        (await GetJsonAsync("/api/actors")).ToJsonString().Should().Contain(DemoNode.BankId);
    }

    [Fact]
    public async Task Metrics_carry_the_banks_figures()
    {
        var metrics = await _http.GetStringAsync("/metrics");

        metrics.Should().Contain($"solarhub_bank_packs_fresh{{bank=\"{DemoNode.BankId}\"}} 3");
    }

    [Fact]
    public async Task The_dashboard_and_its_assets_are_served_from_the_executable()
    {
        var index = await _http.GetStringAsync("/");
        var assets = AssetPath().Matches(index).Select(m => m.Groups["path"].Value).ToList();

        assets.Should().Contain(a => a.EndsWith(".js", StringComparison.Ordinal)).And.Contain(a => a.EndsWith(".css", StringComparison.Ordinal));
        foreach (var asset in assets)
        {
            using var response = await _http.GetAsync("/" + asset.TrimStart('/'));
            response.IsSuccessStatusCode.Should().BeTrue($"{asset} is served");
            (await response.Content.ReadAsByteArrayAsync()).Should().NotBeEmpty();
        }
    }

    [Fact]
    public async Task The_event_stream_brings_the_banks_telemetry()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        using var response = await _http.GetAsync("/api/events?kinds=bank-telemetry", HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/event-stream");
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));

        string? line;
        while ((line = await reader.ReadLineAsync(timeout.Token)) is not null && !line.StartsWith("data:", StringComparison.Ordinal)) { }

        line.Should().NotBeNull("an event came within 15 s");
        JsonNode.Parse(line!["data:".Length..])!["bankId"]!.GetValue<string>().Should().Be(DemoNode.BankId);
    }

    private async Task<JsonNode> GetJsonAsync(string path)
    {
        using var response = await _http.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.Should().BeTrue($"GET {path} answered {(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body)!;
    }

    [GeneratedRegex("""(?:src|href)="(?<path>[^"]*assets/[^"]+)""")]
    private static partial Regex AssetPath();

    public void Dispose() => _http.Dispose();
}

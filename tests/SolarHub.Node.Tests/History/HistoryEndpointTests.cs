using System.Net;
using System.Text.Json;
using Akka.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using SolarHub.ConfigStore;
using SolarHub.Configuration;
using SolarHub.Core.Hosting;
using SolarHub.Database;
using SolarHub.History.Hosting;
using SolarHub.Node.Api;
using SolarHub.Simulator;

namespace SolarHub.Node.Tests.History;

/// <summary>
/// The whole path over real sockets on loopback: simulated gateway → bank → sampler → writer → SQLite → the history
/// endpoint, in a node built like <c>solarhub run</c>'s (sampling every 200 ms to keep the test short).
/// </summary>
public sealed class HistoryEndpointTests : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"solarhub-history-http-{Guid.NewGuid():N}");
    private readonly TcpGatewaySimulator _gateway = new(new SimulatorOptions { Packs = 2 });
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private WebApplication _app = null!;

    public async Task InitializeAsync()
    {
        _gateway.Start();
        var bank = new BankConfig("house", "House", [new PackConfig(1), new PackConfig(2)],
            [new AdapterConfig("gw", AdapterProtocol.JkPassive, new TcpTransport("127.0.0.1", _gateway.LocalEndPoint.Port), Priority: 1)]);
        var database = ConfigDatabase.Sqlite(Path.Combine(_folder, "solarhub.db"));

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddAkka("history-http-test", akka =>
        {
            akka.AddHocon("solarhub.history { sample-interval = 200ms, flush-interval = 200ms }", HoconAddMode.Prepend);
            akka.WithSolarHub(new HubConfig([bank], [], []));
            akka.WithSolarHubHistory(database);
        });
        _app = builder.Build();
        _app.MapHistoryEndpoints();
        await _app.StartAsync();
        _http.BaseAddress = new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    public async Task DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _gateway.DisposeAsync();
        _http.Dispose();
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(string path)
    {
        using var response = await _http.GetAsync(path);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    [Fact]
    public async Task Live_telemetry_is_recorded_and_served()
    {
        JsonElement body = default;
        var deadline = DateTime.UtcNow.AddSeconds(45);
        while (true)
        {
            (var status, body) = await GetAsync("/api/banks/house/history?resolution=raw");
            if (status == HttpStatusCode.OK && body.GetProperty("points").GetArrayLength() >= 2) break;
            DateTime.UtcNow.Should().BeBefore(deadline, $"the bank's samples should be served; last answer {status}: {body}");
            await Task.Delay(250);
        }
        body.GetProperty("resolution").GetString().Should().Be("raw");
        var point = body.GetProperty("points")[0];
        point.GetProperty("packsFresh").GetDouble().Should().Be(2);
        point.GetProperty("voltage").GetDouble().Should().BeInRange(40, 60);
        var times = body.GetProperty("points").EnumerateArray().Select(p => p.GetProperty("at").GetDateTimeOffset()).ToList();
        times.Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();

        var (packStatus, pack) = await GetAsync("/api/banks/house/history?resolution=hour&pack=2");
        packStatus.Should().Be(HttpStatusCode.OK);
        pack.GetProperty("pack").GetInt32().Should().Be(2);
        var hour = pack.GetProperty("points")[0];
        hour.GetProperty("samples").GetInt32().Should().BeGreaterThan(0);
        var soc = hour.GetProperty("soc");
        soc.GetProperty("min").GetDouble().Should().BeLessThanOrEqualTo(soc.GetProperty("avg").GetDouble());
        soc.GetProperty("max").GetDouble().Should().BeGreaterThanOrEqualTo(soc.GetProperty("avg").GetDouble());
    }

    [Theory]
    [InlineData("resolution=minute", "resolution: 'minute' is not one of raw, hour, day, auto")]
    [InlineData("from=yesterday", "from: 'yesterday' is not an ISO-8601 time")]
    [InlineData("pack=300", "pack: '300' is not a pack address")]
    [InlineData("from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z", "from: ")]
    [InlineData("resolution=raw&from=2026-03-01T00:00:00Z&to=2026-03-09T00:00:00Z", "resolution: raw is limited to 7 days per request")]
    public async Task A_bad_parameter_is_a_400_naming_it(string query, string error)
    {
        var (status, body) = await GetAsync($"/api/banks/house/history?{query}");
        status.Should().Be(HttpStatusCode.BadRequest);
        body.GetProperty("error").GetString().Should().StartWith(error);
    }

    [Fact]
    public async Task An_unknown_bank_is_a_404()
    {
        var (status, body) = await GetAsync("/api/banks/nowhere/history");
        status.Should().Be(HttpStatusCode.NotFound);
        body.GetProperty("error").GetString().Should().Be("no bank 'nowhere'");
    }
}

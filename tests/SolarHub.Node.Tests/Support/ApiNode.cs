using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Akka.Actor;
using Akka.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SolarHub.Cluster.Hosting;
using SolarHub.ConfigStore;
using SolarHub.Configuration;
using SolarHub.Core.Hosting;
using SolarHub.Database;
using SolarHub.Node.Api;
using SolarHub.Node.Hosting;
using SolarHub.Simulator;

namespace SolarHub.Node.Tests.Support;

/// <summary>
/// A real node started in-process (the node library, as <c>solarhub run</c> uses it) with a temporary SQLite database, its
/// HTTP API on a free loopback port, and banks fed by simulated gateways on loopback.
/// </summary>
public sealed class ApiNode : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _directory;
    private readonly Dictionary<string, TcpGatewaySimulator> _gateways;

    private ApiNode(WebApplication app, string directory, Dictionary<string, TcpGatewaySimulator> gateways, Uri address, string databasePath)
    {
        _app = app;
        _directory = directory;
        _gateways = gateways;
        Address = address;
        DatabasePath = databasePath;
        Http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(20) };
    }

    public Uri Address { get; }
    public string DatabasePath { get; }
    public HttpClient Http { get; }
    public IServiceProvider Services => _app.Services;

    /// <summary>The simulated gateway behind an adapter, by adapter id.</summary>
    public TcpGatewaySimulator Gateway(string adapterId) => _gateways[adapterId];

    /// <param name="banks">Each bank with its adapters: adapter id → (passive?, packs); a gateway is simulated per adapter unless <c>deadPort</c>.</param>
    /// <param name="logs">Where the node's log goes besides the default providers (a test's capture).</param>
    /// <param name="configureAkka">The test's own HOCON or actors (e.g. shorter timings), as an embedding application adds them.</param>
    /// <param name="cluster">Makes the node a cluster member (e.g. a cluster of itself alone); null: a single node.</param>
    public static async Task<ApiNode> StartAsync(IReadOnlyList<(string Id, int Packs, (string Id, bool Passive, bool Dead)[] Adapters)> banks, ApiOptions options,
        ILoggerProvider? logs = null, Action<AkkaConfigurationBuilder>? configureAkka = null, SolarHubClusterOptions? cluster = null)
    {
        var directory = Path.Combine(Path.GetTempPath(), $"solarhub-api-{Guid.NewGuid():N}");
        var databasePath = Path.Combine(directory, "solarhub.db");
        var gateways = new Dictionary<string, TcpGatewaySimulator>();
        var bankConfigs = new List<BankConfig>();
        int seed = 11;
        foreach (var (id, packs, adapters) in banks)
        {
            var adapterConfigs = new List<AdapterConfig>();
            int priority = 1;
            foreach (var (adapterId, passive, dead) in adapters)
            {
                int port;
                if (dead) port = LoopbackPorts.Free();
                else
                {
                    var gateway = new TcpGatewaySimulator(new SimulatorOptions { Packs = packs, FirstAddress = 1, Seed = seed++, Master = passive });
                    gateway.Start();
                    gateways[adapterId] = gateway;
                    port = gateway.LocalEndPoint.Port;
                }
                adapterConfigs.Add(new AdapterConfig(adapterId, passive ? AdapterProtocol.JkPassive : AdapterProtocol.JkActive, new TcpTransport("127.0.0.1", port), Priority: priority++));
            }
            bankConfigs.Add(new BankConfig(id, $"Bank {id}", Enumerable.Range(1, packs).Select(a => new PackConfig((byte)a)).ToList(), adapterConfigs));
        }

        var database = ConfigDatabase.Sqlite(databasePath);
        // The node as an application embeds it (docs/embedding.md), as 'solarhub run' does.
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        if (logs is not null) builder.Logging.AddProvider(logs);
        builder.Services.AddSolarHubNode(new SolarHubNodeOptions { Database = database, Api = options, Cluster = cluster }, configureAkka);
        var app = builder.Build();
        app.MapSolarHubNode();
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

        // As 'solarhub run' does: store the configuration; the banks follow the store.
        var store = app.Services.GetRequiredService<IRequiredActor<ConfigStoreKey>>().ActorRef;
        var answer = await ConfigStoreClient.ReplaceAsync(store, new HubConfig(bankConfigs, []), "test", CancellationToken.None);
        answer.Should().BeOfType<ChangesAccepted>();
        return new ApiNode(app, directory, gateways, address, databasePath);
    }

    public async Task<StoredConfig> StoredConfigAsync() =>
        await ConfigStoreClient.GetAsync(Services.GetRequiredService<IRequiredActor<ConfigStoreKey>>().ActorRef, CancellationToken.None);

    public async Task<JsonNode> GetJsonAsync(string path)
    {
        using var response = await Http.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.Should().BeTrue($"GET {path} answered {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!;
    }

    public async Task<(HttpStatusCode Status, JsonNode? Body)> SendAsync(HttpMethod method, string path, string? token = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    /// <summary>Polls a JSON endpoint until <paramref name="done"/> holds (bounded; the node's own answers decide).</summary>
    public async Task<JsonNode> PollAsync(string path, Func<JsonNode, bool> done, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        JsonNode? last = null;
        while (DateTime.UtcNow < deadline)
        {
            using var response = await Http.GetAsync(path);
            last = JsonNode.Parse(await response.Content.ReadAsStringAsync());
            if (last is not null && done(last)) return last;
            await Task.Delay(100);
        }
        throw new TimeoutException($"{path}: never {what}; last answer: {last?.ToJsonString()}");
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        foreach (var gateway in _gateways.Values) await gateway.DisposeAsync();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

}

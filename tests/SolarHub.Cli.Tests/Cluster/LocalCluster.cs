using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using SolarHub.TestSupport;
using Xunit.Abstractions;

namespace SolarHub.Cli.Tests.Cluster;

/// <summary>
/// Real nodes on this machine through <c>deploy/cluster-local.sh</c>, as a user runs them: ports of their own, a fresh
/// PostgreSQL database, the CLI of this build. Disposing stops them and prints the ends of their logs on CI or when the
/// stop failed.
/// </summary>
public sealed class LocalCluster(ITestOutputHelper output, string token) : IAsyncDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"solarhub-cluster-{Guid.NewGuid():N}");
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(15) };
    private TestDatabase? _database;
    private bool _started;
    private int _httpPort;

    public int RemotingPort { get; private set; }

    public string Database => _database?.Config.ConnectionString ?? throw new InvalidOperationException("not started");

    public HttpClient Http => _http;

    public string Dir => _dir;

    public string Url(int node) => $"http://127.0.0.1:{_httpPort + node - 1}";

    /// <summary>Starts three nodes (with <paramref name="demo"/>, the demo's three banks and their gateways).</summary>
    public async Task StartAsync(bool demo)
    {
        _database = await TestDatabase.PostgresAsync();
        RemotingPort = FreeRun(3);
        _httpPort = FreeRun(3);
        _started = true;
        List<string> args = ["start", "--dir", _dir, "--database", Database,
            "--solarhub", CliProcess.CommandLine,
            "--remoting-port", $"{RemotingPort}", "--http-port", $"{_httpPort}", "--wait", "120"];
        if (demo) args.AddRange(["--demo", "--gateway-port", $"{FreeRun(3)}"]);
        var start = await ScriptAsync(args, TimeSpan.FromSeconds(180));
        start.ExitCode.Should().Be(0, start.StdErr);
    }

    public Task<CliProcess.Outcome> ScriptAsync(IEnumerable<string> args, TimeSpan timeout) =>
        CliProcess.RunProgramAsync("bash", [Path.Combine(RepositoryRoot.Path, "deploy", "cluster-local.sh"), .. args],
            new Dictionary<string, string> { ["SOLARHUB_API_TOKEN"] = token }, timeout);

    public async Task<JsonNode> GetClusterAsync(string url) => JsonNode.Parse(await _http.GetStringAsync(url + "/api/cluster"))!;

    /// <summary>Reads a node's <c>GET /api/cluster</c> every half second until <paramref name="condition"/> holds.</summary>
    public async Task<JsonNode> WaitForAsync(string url, Func<JsonNode, bool> condition, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        JsonNode? last = null;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                last = await GetClusterAsync(url);
                if (condition(last)) return last;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(500);
        }
        throw new TimeoutException($"GET {url}/api/cluster did not show what was awaited within {within.TotalSeconds} s; last: {last?.ToJsonString()}");
    }

    public static int UpMembers(JsonNode view) => view["members"]!.AsArray().Count(m => m!["status"]!.GetValue<string>() == "Up");

    public static List<string> MemberNames(JsonNode view) => view["members"]!.AsArray().Select(m => m!["node"]!.GetValue<string>()).ToList();

    /// <summary>The first of <paramref name="count"/> consecutive free ports on 127.0.0.1, below the ephemeral range.</summary>
    private static int FreeRun(int count)
    {
        for (int attempt = 0; attempt < 200; attempt++)
        {
            int first = Random.Shared.Next(20_000, 30_000);
            if (Enumerable.Range(first, count).All(IsFree)) return first;
        }
        throw new InvalidOperationException($"no {count} consecutive free ports found");
    }

    private static bool IsFree(int port)
    {
        try
        {
            var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            listener.Stop();
            return true;
        }
        catch (SocketException) { return false; }
    }

    public async ValueTask DisposeAsync()
    {
        if (_started)
        {
            var stop = await ScriptAsync(["stop", "--dir", _dir], TimeSpan.FromSeconds(60));
            output.WriteLine($"cluster-local stop: {stop.ExitCode} {stop.StdErr}");
            if (stop.ExitCode != 0 || Environment.GetEnvironmentVariable("CI") is not null)
                foreach (var log in Directory.EnumerateFiles(_dir, "n*.log"))
                    output.WriteLine($"--- {log} (end)\n{string.Join('\n', File.ReadLines(log).TakeLast(20))}");
        }
        _http.Dispose();
        if (_database is not null) await _database.DisposeAsync();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

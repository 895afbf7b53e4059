using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using SolarHub.ConfigStore;
using SolarHub.Configuration;
using SolarHub.Database;
using SolarHub.Simulator;

namespace SolarHub.Bench.Faults;

/// <summary>
/// Figures of <c>solarhub bench soak</c>: faults injected and recovered, acknowledged changes lost, and how the node's
/// resident memory, threads and open descriptors moved (least-squares slope per minute over the run after its first
/// fifth, so start-up does not count as growth).
/// </summary>
public sealed record SoakResult(TimeSpan Duration, int Banks, int Faults, int Recovered, int Changes, int LostChanges, double RssSlopeMiBPerMinute,
    double ThreadSlopePerMinute, double FdSlopePerMinute, long RssMiB, int Threads, int Fds)
{
    public bool Passed => Recovered == Faults && LostChanges == 0;

    public string Summary =>
        $"soak: {Duration.TotalMinutes:0.#} min, {Banks} banks, {Recovered}/{Faults} faults recovered, {LostChanges} of {Changes} changes lost, " +
        $"rss {RssMiB} MiB slope {RssSlopeMiBPerMinute:0.00} MiB/min, threads {Threads} slope {ThreadSlopePerMinute:0.00}/min, fds {Fds} slope {FdSlopePerMinute:0.00}/min";
}

/// <summary>
/// <c>solarhub bench soak --minutes N</c>: a node of its own (<c>solarhub run</c> on a fresh SQLite file) watching
/// <c>--banks</c> banks (50), each with a passive primary and a passive hot standby on simulated gateways in this process.
/// Every 2 s one bank's primary gateway gets a random fault from the matrix (reset, silence, garbage, slow drip,
/// corrupted frames, 1-byte writes) for 1 to 8 s; every 5 s a standby adapter is disabled or enabled through the API.
/// At the end every fault must have been recovered (each bank back on its healthy primary), every acknowledged change
/// must be in the database, and memory, threads and descriptors are reported with their slopes.
/// </summary>
public sealed class SoakBench : IAsyncDisposable
{
    private static readonly SimulatorOptions Bus = new() { Packs = 3, FirstAddress = 1, Seed = 11 };
    private static readonly TimeSpan FaultEvery = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan ChangeEvery = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan SampleEvery = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan RecoveryPatience = TimeSpan.FromSeconds(90);

    private readonly List<(TcpGatewaySimulator Primary, TcpGatewaySimulator Standby)> _gateways = [];
    private readonly TextWriter _output;
    private readonly Random _random;
    private NodeUnderTest? _node;
    private string _folder = "";

    private SoakBench(TextWriter output, int seed)
    {
        _output = output;
        _random = new Random(seed);
    }

    public static async Task<SoakResult> RunAsync(TimeSpan duration, int banks, int seed, TextWriter output, CancellationToken ct)
    {
        await using var soak = new SoakBench(output, seed);
        return await soak.SoakAsync(duration, banks, ct);
    }

    private static string BankId(int i) => $"soak-{i:00}";

    private async Task<SoakResult> SoakAsync(TimeSpan duration, int banks, CancellationToken ct)
    {
        _folder = Directory.CreateTempSubdirectory("solarhub-soak-").FullName;
        var database = ConfigDatabase.Sqlite(Path.Combine(_folder, "solarhub.db"));
        var packs = Bus.Addresses.Select(a => new PackConfig(a)).ToList();
        var configs = new List<BankConfig>();
        for (int i = 0; i < banks; i++)
        {
            var primary = new TcpGatewaySimulator(Bus);
            var standby = new TcpGatewaySimulator(Bus);
            _gateways.Add((primary, standby));
            primary.Start();
            standby.Start();
            configs.Add(new BankConfig(BankId(i), $"Soak {i}", packs,
            [
                new AdapterConfig("primary", AdapterProtocol.JkPassive, new TcpTransport("127.0.0.1", primary.LocalEndPoint.Port), Priority: 1),
                new AdapterConfig("standby", AdapterProtocol.JkPassive, new TcpTransport("127.0.0.1", standby.LocalEndPoint.Port), Priority: 2),
            ]));
        }
        await using (var session = await ConfigStoreSession.StartAsync(database, logging: null, ct))
        {
            if (await ConfigStoreClient.ReplaceAsync(session.Store, HubConfig.Empty with { Banks = configs }, "bench soak", ct) is not ChangesAccepted)
                throw new BenchException("the soak's banks could not be stored");
        }
        _node = await NodeUnderTest.StartAsync(ct, database.SqliteFile, $"/api/banks/{BankId(0)}");
        _output.WriteLine($"soak: node at {_node.Url} ({_node.LogPath}); {banks} banks of 3 packs, a primary and a hot standby each; faults every {FaultEvery.TotalSeconds:0} s, changes every {ChangeEvery.TotalSeconds:0} s, for {duration.TotalMinutes:0.#} min");
        await WaitAllOnPrimaryAsync(banks, "start", ct);

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(75) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _node.ApiToken);
        var acknowledged = new Dictionary<string, bool>(); // bank -> standby enabled, as last acknowledged
        var samples = new List<(double Minutes, long Rss, int Threads, int Fds)>();
        var clock = Stopwatch.StartNew();
        var nextFault = TimeSpan.Zero;
        var nextChange = TimeSpan.Zero;
        var nextSample = TimeSpan.Zero;
        var active = new List<(TcpGatewaySimulator Gateway, TimeSpan Until, string What)>();
        int faults = 0, changes = 0;
        while (clock.Elapsed < duration)
        {
            var now = clock.Elapsed;
            foreach (var done in active.Where(a => a.Until <= now).ToList())
            {
                done.Gateway.Faults.ClearAll();
                active.Remove(done);
            }
            if (now >= nextFault)
            {
                nextFault = now + FaultEvery;
                int bank = _random.Next(banks);
                var gateway = _gateways[bank].Primary;
                if (active.All(a => a.Gateway != gateway))
                {
                    string what = Inject(gateway);
                    active.Add((gateway, now + TimeSpan.FromSeconds(1 + _random.Next(8)), $"{BankId(bank)}: {what}"));
                    faults++;
                }
            }
            if (now >= nextChange)
            {
                nextChange = now + ChangeEvery;
                var bank = BankId(_random.Next(banks));
                bool enable = acknowledged.TryGetValue(bank, out var enabled) && !enabled;
                using var answer = await http.PostAsync(new Uri(_node.Url, $"/api/banks/{bank}/adapters/standby/{(enable ? "enable" : "disable")}"), null, ct);
                changes++;
                if (answer.IsSuccessStatusCode) acknowledged[bank] = enable;
                else _output.WriteLine($"soak: changing {bank}'s standby answered {(int)answer.StatusCode}");
            }
            if (now >= nextSample)
            {
                nextSample = now + SampleEvery;
                var (rss, threads, fds) = _node.Resources();
                samples.Add((now.TotalMinutes, rss, threads, fds));
                _output.WriteLine($"soak: {now.TotalMinutes:0.0} min: {faults} faults, {changes} changes; rss {rss / (1024 * 1024)} MiB, {threads} threads, {fds} fds");
            }
            await Task.Delay(100, ct);
        }
        foreach (var (gateway, _, _) in active) gateway.Faults.ClearAll();

        // Standbys back on, so that every bank can be judged the same way: on its healthy primary.
        foreach (var bank in acknowledged.Where(a => !a.Value).Select(a => a.Key).ToList())
        {
            using var answer = await http.PostAsync(new Uri(_node.Url, $"/api/banks/{bank}/adapters/standby/enable"), null, ct);
            if (answer.IsSuccessStatusCode) acknowledged[bank] = true;
        }
        // A bank not back on its healthy primary counts as (at least) one fault it did not recover from.
        int recovered = Math.Max(0, faults - (banks - await WaitAllOnPrimaryAsync(banks, "the end", ct)));

        int lost = 0;
        await using (var session = await ConfigStoreSession.StartAsync(database, logging: null, ct))
        {
            var stored = (await ConfigStoreClient.GetAsync(session.Store, ct)).Config;
            foreach (var (bank, enabled) in acknowledged)
                if (stored.Banks.Single(b => b.Id == bank).Adapters.Single(a => a.Id == "standby").Enabled != enabled) lost++;
        }
        var (lastRss, lastThreads, lastFds) = _node.Resources();
        var steady = samples.Where(s => s.Minutes >= duration.TotalMinutes / 5).ToList();
        return new SoakResult(duration, banks, faults, recovered, changes, lost,
            Slope(steady.Select(s => (s.Minutes, s.Rss / (1024.0 * 1024)))), Slope(steady.Select(s => (s.Minutes, (double)s.Threads))),
            Slope(steady.Select(s => (s.Minutes, (double)s.Fds))), lastRss / (1024 * 1024), lastThreads, lastFds);
    }

    private string Inject(TcpGatewaySimulator gateway)
    {
        switch (_random.Next(6))
        {
            case 0:
                gateway.Faults.ResetConnections();
                return "reset";
            case 1:
                gateway.Faults.Silence();
                return "silence";
            case 2:
                gateway.Faults.InjectGarbage(64 * 1024);
                return "garbage";
            case 3:
                gateway.Faults.Drip(TimeSpan.FromMilliseconds(200));
                return "slow drip";
            case 4:
                gateway.Faults.CorruptChecksums();
                return "corrupted frames";
            default:
                gateway.Faults.SplitWrites(1);
                return "1-byte writes";
        }
    }

    /// <summary>Until every bank's primary is active and healthy (or the patience runs out); how many are.</summary>
    private async Task<int> WaitAllOnPrimaryAsync(int banks, string when, CancellationToken ct)
    {
        var waited = Stopwatch.StartNew();
        int onPrimary = 0;
        while (waited.Elapsed < RecoveryPatience)
        {
            onPrimary = await CountOnPrimaryAsync(banks, ct);
            if (onPrimary == banks) break;
            await Task.Delay(500, ct);
        }
        _output.WriteLine($"soak: {when}: {onPrimary}/{banks} banks on their healthy primary after {waited.Elapsed.TotalSeconds:0} s");
        return onPrimary;
    }

    private async Task<int> CountOnPrimaryAsync(int banks, CancellationToken ct)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        try
        {
            using var answer = await http.GetAsync(new Uri(_node!.Url, "/api/banks"), ct);
            using var json = JsonDocument.Parse(await answer.Content.ReadAsStreamAsync(ct));
            return json.RootElement.EnumerateArray().Count(b => b.GetProperty("activeAdapter").GetString() == "primary" && b.GetProperty("state").GetString() == "Healthy");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            ct.ThrowIfCancellationRequested();
            return 0;
        }
    }

    /// <summary>Least-squares slope of y over x; 0 with fewer than two points.</summary>
    public static double Slope(IEnumerable<(double X, double Y)> points)
    {
        var list = points.ToList();
        if (list.Count < 2) return 0;
        double mx = list.Average(p => p.X), my = list.Average(p => p.Y);
        double sxx = list.Sum(p => (p.X - mx) * (p.X - mx));
        return sxx == 0 ? 0 : list.Sum(p => (p.X - mx) * (p.Y - my)) / sxx;
    }

    public async ValueTask DisposeAsync()
    {
        if (_node is not null) await _node.DisposeAsync();
        foreach (var (primary, standby) in _gateways)
        {
            await primary.DisposeAsync();
            await standby.DisposeAsync();
        }
    }
}

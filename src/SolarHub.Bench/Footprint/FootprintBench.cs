using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using SolarHub.Configuration;
using SolarHub.Database;
using SolarHub.Simulator;

namespace SolarHub.Bench.Footprint;

/// <summary>
/// <c>solarhub bench footprint</c>: starts a node the way a user does (<c>solarhub run --database</c> on its stored
/// configuration: store, history and API on) with one bank of 3 packs on one simulated gateway, then with 10 such banks,
/// and measures each: time from the process's start to HTTP up and to fresh data; after a warm-up, resident memory,
/// threads and managed heap; then the CPU it uses per minute while its banks receive as usual; then the same node started
/// again on the same database, as at a reboot, to its first fresh data (it starts from its configuration's copy,
/// <c>ConfigStartCopy</c>, where the first start waited for the store). The gateways run in this
/// process, so the node's figures are its own. <paramref name="binary"/> measures another executable (a published
/// single file) instead of this build.
/// </summary>
public static class FootprintBench
{
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(60);

    public static async Task<FootprintResult> RunAsync(IReadOnlyList<int> bankCounts, TimeSpan warmUp, TimeSpan idle, string? binary, TextWriter output,
        CancellationToken ct)
    {
        output.WriteLine($"footprint: {string.Join(" then ", bankCounts.Select(n => $"{n} bank(s)"))} of 3 packs, each on a simulated gateway; " +
            $"warm-up {warmUp.TotalSeconds:0} s, CPU over {idle.TotalSeconds:0} s; node: {binary ?? "this build (solarhub run)"}; load {MachineLoad.Describe()}");
        var cases = new List<FootprintCase>();
        foreach (int banks in bankCounts)
        {
            var measured = await MeasureAsync(banks, warmUp, idle, binary, output, ct);
            output.WriteLine($"footprint: {measured.Describe()}");
            cases.Add(measured);
        }
        return new FootprintResult(cases);
    }

    private static async Task<FootprintCase> MeasureAsync(int banks, TimeSpan warmUp, TimeSpan idle, string? binary, TextWriter output, CancellationToken ct)
    {
        var folder = Directory.CreateTempSubdirectory("solarhub-footprint-").FullName;
        var gateways = new List<TcpGatewaySimulator>();
        Process? node = null;
        try
        {
            for (int i = 0; i < banks; i++)
            {
                var gateway = new TcpGatewaySimulator(new SimulatorOptions { Packs = 3, Seed = i + 1 });
                gateways.Add(gateway);
                gateway.Start();
            }
            var database = ConfigDatabase.Sqlite(Path.Combine(folder, "solarhub.db"));
            await BenchConfigStore.ReplaceAsync(database, new HubConfig([.. gateways.Select((g, i) => new BankConfig($"bank-{i + 1}", $"Bank {i + 1}",
                [new PackConfig(1), new PackConfig(2), new PackConfig(3)],
                [new AdapterConfig("gateway", AdapterProtocol.JkPassive, new TcpTransport("127.0.0.1", g.LocalEndPoint.Port), Priority: 1)]))], []), ct);
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

            var first = await StartAsync(database, banks, binary, Path.Combine(folder, "node.log"), ct);
            node = first.Process;
            var rest = warmUp - first.Clock.Elapsed;
            if (rest > TimeSpan.Zero) await Task.Delay(rest, ct);
            long resident = ProcessFigures.ResidentBytes(node.Id);
            long anonymous = ProcessFigures.AnonymousBytes(node.Id);
            int threads = ProcessFigures.Threads(node.Id);
            long heap = (long)await MetricAsync(first.Http, "dotnet_total_memory_bytes", ct);
            var cpuBefore = ProcessFigures.CpuTime(node.Id);
            var idleClock = Stopwatch.StartNew();
            await Task.Delay(idle, ct);
            var cpu = ProcessFigures.CpuTime(node.Id) - cpuBefore;
            var perMinute = TimeSpan.FromSeconds(cpu.TotalSeconds * 60 / idleClock.Elapsed.TotalSeconds);
            if (node.HasExited) throw new BenchException($"the node exited ({node.ExitCode}) during the measurement: see {first.Log}");
            await first.StopAsync(ct);

            // The same node started again, as at a reboot: its configuration's copy is beside the database by now.
            var again = await StartAsync(database, banks, binary, Path.Combine(folder, "node-restart.log"), ct);
            node = again.Process;
            await again.StopAsync(ct);
            return new FootprintCase(banks, resident, threads, heap, first.HttpUp, first.FirstFresh, first.AllFresh, perMinute, anonymous, again.FirstFresh);
        }
        finally
        {
            if (node is { HasExited: false }) node.Kill(entireProcessTree: true);
            node?.Dispose();
            foreach (var gateway in gateways) await gateway.DisposeAsync();
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>A node started by <see cref="StartAsync"/>, with its start's figures (from the process's start).</summary>
    private sealed record Started(Process Process, Task Pump, string Log, Stopwatch Clock, HttpClient Http, TimeSpan HttpUp, TimeSpan FirstFresh, TimeSpan AllFresh)
    {
        public async Task StopAsync(CancellationToken ct)
        {
            Process.Kill(entireProcessTree: true);
            await Process.WaitForExitAsync(ct);
            await Pump;
            Http.Dispose();
        }
    }

    /// <summary>Starts <c>solarhub run</c> on <paramref name="database"/> and waits until every pack of its banks is fresh.</summary>
    private static async Task<Started> StartAsync(ConfigDatabase database, int banks, string? binary, string log, CancellationToken ct)
    {
        var url = new Uri($"http://127.0.0.1:{LoopbackPort.Free().ToString(CultureInfo.InvariantCulture)}");
        string[] arguments = ["run", "--database", database.SqliteFile!, "--urls", url.ToString().TrimEnd('/')];
        var info = binary is null ? SolarHubProcess.StartInfo(arguments) : StartInfo(binary, arguments);
        var clock = Stopwatch.StartNew();
        var node = Process.Start(info) ?? throw new BenchException("cannot start the node");
        node.StandardInput.Close();
        var pump = Pump(node, log);

        var http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            var httpUp = await UntilAsync(clock, node, log, async () => (await http.GetAsync("/health/live", ct)).IsSuccessStatusCode, "/health/live answering", ct);
            TimeSpan? firstFresh = null;
            var allFresh = await UntilAsync(clock, node, log, async () =>
            {
                var (fresh, total) = await PacksAsync(http, ct);
                if (fresh > 0) firstFresh ??= clock.Elapsed;
                return total == 3 * banks && fresh == total;
            }, "every pack fresh", ct);
            return new Started(node, pump, log, clock, http, httpUp, firstFresh ?? allFresh, allFresh);
        }
        catch
        {
            // A node that never got there is not the caller's to stop: it does not know of it yet.
            if (!node.HasExited) node.Kill(entireProcessTree: true);
            node.Dispose();
            http.Dispose();
            throw;
        }
    }

    private static ProcessStartInfo StartInfo(string binary, IEnumerable<string> arguments)
    {
        if (!File.Exists(binary)) throw new BenchException($"--binary {binary}: no such file");
        var info = new ProcessStartInfo(Path.GetFullPath(binary))
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        return info;
    }

    /// <summary>Polls <paramref name="done"/> every 20 ms: the time from the start when it first held.</summary>
    private static async Task<TimeSpan> UntilAsync(Stopwatch clock, Process node, string log, Func<Task<bool>> done, string what, CancellationToken ct)
    {
        while (true)
        {
            try
            {
                if (await done()) return clock.Elapsed;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested) { }
            if (node.HasExited) throw new BenchException($"the node exited ({node.ExitCode}) before {what}: see {log}");
            if (clock.Elapsed > StartLimit) throw new BenchException($"no {what} within {StartLimit.TotalSeconds:0} s: see {log}");
            await Task.Delay(20, ct); // a bounded poll of the node's own answer
        }
    }

    private static async Task<(int Fresh, int Total)> PacksAsync(HttpClient http, CancellationToken ct)
    {
        using var json = JsonDocument.Parse(await http.GetStringAsync("/api/banks", ct));
        return json.RootElement.EnumerateArray().Aggregate((0, 0), (sum, bank) =>
            (sum.Item1 + bank.GetProperty("packsFresh").GetInt32(), sum.Item2 + bank.GetProperty("packsTotal").GetInt32()));
    }

    private static async Task<double> MetricAsync(HttpClient http, string name, CancellationToken ct)
    {
        foreach (var line in (await http.GetStringAsync("/metrics", ct)).Split('\n'))
            if (line.StartsWith(name + " ", StringComparison.Ordinal))
                return double.Parse(line[(name.Length + 1)..], CultureInfo.InvariantCulture);
        throw new BenchException($"the node's /metrics has no {name}");
    }

    private static Task Pump(Process node, string path)
    {
        var log = new StreamWriter(path) { AutoFlush = true };
        async Task Copy(StreamReader from)
        {
            while (await from.ReadLineAsync() is { } line)
                lock (log) log.WriteLine(line);
        }
        return Task.WhenAll(Copy(node.StandardOutput), Copy(node.StandardError)).ContinueWith(_ => log.Dispose(), TaskScheduler.Default);
    }
}

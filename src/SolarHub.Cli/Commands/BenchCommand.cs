using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Runtime.InteropServices;
using SolarHub.Bench;
using SolarHub.Bench.Faults;
using SolarHub.Bench.Fuzz;
using SolarHub.Database;
using SolarHub.Protocol.Jk;

namespace SolarHub.Cli.Commands;

/// <summary>
/// <c>solarhub bench codec|fuzz|failover|latency|scale|...|faults|soak</c>: measurements of the codec and of the running hub on simulated
/// gateways, and the codec's fuzzing. Each prints progress and ends with one summary line (docs/benchmarks.md says how to read them).
/// </summary>
public static class BenchCommand
{
    public static Command Create()
    {
        var command = new Command("bench", "Measure SolarHub: codec throughput, failover time, telemetry latency, CPU and memory at scale. " +
            "Run a Release build; each bench ends with one summary line.");
        command.Subcommands.Add(Codec());
        command.Subcommands.Add(Fuzz());
        command.Subcommands.Add(Failover());
        command.Subcommands.Add(Latency());
        command.Subcommands.Add(Scale());
        command.Subcommands.Add(ConfigRecovery());
        command.Subcommands.Add(HistoryBenchCommand.Create());
        command.Subcommands.Add(Gateways());
        command.Subcommands.Add(Mqtt());
        command.Subcommands.Add(Cluster());
        command.Subcommands.Add(Faults());
        command.Subcommands.Add(SoakBenchCommand.Create());
        command.Subcommands.Add(FootprintBenchCommand.Create());
        return command;
    }

    private static Command Cluster()
    {
        var database = new Option<string?>("--database") { Description = "The database the three nodes share: an empty PostgreSQL database (postgresql://...) (default: a new SQLite file in the temp folder)." };
        var command = new Command("cluster", "Three nodes on 127.0.0.1 (real processes) on simulated gateways and socat ptys: time kill -9 of a bank's node " +
            "to fresh data elsewhere, kill -9 of the node a serial adapter is attached to (failover to a standby on another node, then failback), " +
            "and the data gap of a graceful leave. Needs socat.")
        {
            database,
        };
        command.SetAction((pr, ct) => Execute("cluster", ct, async token =>
            (await SolarHub.Bench.Cluster.ClusterBench.RunAsync(pr.GetValue(database), Console.Out, token)).Summary));
        return command;
    }

    private static Command Faults()
    {
        var quick = new Option<bool>("--quick") { Description = "The tests' short run: the same faults and checks, shorter observation periods." };
        var only = new Option<string[]>("--only")
        {
            Description = $"Run only these faults (comma-separated): {string.Join(", ", FaultMatrix.Names)}.",
            CustomParser = result => [.. result.Tokens.SelectMany(t => t.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))],
        };
        only.Validators.Add(result =>
        {
            var unknown = result.Tokens.SelectMany(t => t.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                .Where(name => !FaultMatrix.Names.Contains(name, StringComparer.OrdinalIgnoreCase)).ToList();
            if (unknown.Count > 0) result.AddError($"--only: no fault named {string.Join(", ", unknown)}; the faults are {string.Join(", ", FaultMatrix.Names)}.");
        });
        var markdown = new Option<bool>("--markdown") { Description = "Print the table as Markdown (as docs/reliability.md records it)." };
        var command = new Command("faults", "Inject every fault of docs/reliability.md into a hub on loopback (simulated gateways, socat ptys, a small " +
            "TCP proxy) and print one row per fault: detection, failover and recovery times, false failovers, telemetry gap, exceptions " +
            "logged, anything acknowledged lost. Exit code 0 when every row survived, 1 otherwise. Needs socat.")
        {
            quick,
            only,
            markdown,
        };
        command.SetAction((pr, ct) => Execute("faults", ct, async token =>
        {
            var result = await FaultMatrix.RunAsync(pr.GetValue(quick), pr.GetValue(only), Console.Out, token, pr.GetValue(markdown));
            return (result.Summary, result.AllSurvived ? 0 : 1);
        }));
        return command;
    }

    private static Command Codec()
    {
        var file = new Option<FileInfo?>("--file", "-f") { Description = "A raw byte capture of the bus to scan, looped (default: generated realistic traffic, 4 MB)." };
        var seconds = PositiveInt("--seconds", "How long to measure, after a warm-up.", 5, 3600);
        var chunk = PositiveInt("--chunk", "Bytes handed to the scanner at a time, as a socket read would.", CodecBench.DefaultChunk, 1 << 20);
        var layout = new Option<string>("--layout")
        {
            Description = "Layout of type 01/02 frames until a device-info frame tells otherwise: JK02_32S or JK02_24S.",
            DefaultValueFactory = _ => nameof(JkLayout.JK02_32S),
        };
        layout.AcceptOnlyFromAmong(nameof(JkLayout.JK02_32S), nameof(JkLayout.JK02_24S));

        var command = new Command("codec", "Scan and decode a bus stream on one thread: MB/s, frames/s and bytes allocated per frame.")
        {
            file, seconds, chunk, layout,
        };
        command.SetAction((pr, ct) => Execute("codec", ct, token =>
        {
            var stream = CodecBench.LoadStream(pr.GetValue(file), Console.Out);
            var result = CodecBench.Run(stream, TimeSpan.FromSeconds(pr.GetValue(seconds)), pr.GetValue(chunk),
                Enum.Parse<JkLayout>(pr.GetValue(layout)!), Console.Out, token);
            return Task.FromResult(result.Summary);
        }));
        return command;
    }

    private static Command Fuzz()
    {
        var bytes = new Option<long>("--bytes")
        {
            Description = "Bytes of fuzz input (random, bit-flipped, truncated and spliced real traffic) to feed.",
            DefaultValueFactory = _ => CodecFuzzer.DefaultBytes,
        };
        bytes.Validators.Add(result =>
        {
            if (result.Tokens.Count > 0 && long.TryParse(result.Tokens[^1].Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out long value)
                && value is < 1 or > 1_000_000_000_000)
                result.AddError($"--bytes must be between 1 and 1000000000000, got {value}.");
        });
        var seed = new Option<int?>("--seed") { Description = "Replays the run printed with this seed (default: a new random seed)." };
        var command = new Command("fuzz", "Feed random, bit-flipped, truncated and spliced real bus traffic through the scanner, the decoders and the " +
            "adapters' frame reader in random chunks: no exception, no hang, no allocation, every intact frame found. Exit code 1 when a check fails.")
        {
            bytes, seed,
        };
        command.SetAction((pr, ct) => Execute("fuzz", ct, token =>
        {
            var result = CodecFuzzer.Run(pr.GetValue(bytes), pr.GetValue(seed) ?? Random.Shared.Next(), Console.Out, token);
            return Task.FromResult((result.Summary, result.Passed ? 0 : 1));
        }));
        return command;
    }

    private static Command Failover()
    {
        var runs = PositiveInt("--runs", "Faults of each kind to time.", 5, 1000);
        var healthy = PositiveInt("--healthy", "Seconds of healthy traffic first, in which any failover is a false one.", 60, 86_400);
        var command = new Command("failover", "Time failover on simulated gateways: from a TCP reset (gateway gone) or a silent gateway " +
            "on the primary to the first telemetry through the hot-standby secondary, after a healthy period that counts false failovers.")
        {
            runs,
            healthy,
        };
        command.SetAction((pr, ct) => Execute("failover", ct, async token =>
            (await FailoverBench.RunAsync(pr.GetValue(runs), Console.Out, token, TimeSpan.FromSeconds(pr.GetValue(healthy)))).Summary));
        return command;
    }

    private static Command ConfigRecovery()
    {
        var banks = PositiveInt("--banks", "Banks (3 packs, 2 adapters each) to store, then recover.", 1000, 100_000);
        var database = new Option<string?>("--database") { Description = "An empty database to use (default: a new SQLite file in the temp folder, deleted afterwards)." };
        var command = new Command("config", "Time the start-up recovery of the stored configuration (snapshot plus change sets) of many banks.")
        {
            banks, database,
        };
        command.SetAction((pr, ct) => Execute("config", ct, async token =>
        {
            var path = pr.GetValue(database);
            string? temp = path is null ? Path.Combine(Path.GetTempPath(), $"solarhub-bench-{Guid.NewGuid():N}", "config.db") : null;
            try
            {
                return await ConfigRecoveryBenchmark.RunAsync(pr.GetValue(banks), SolarHub.Database.ConfigDatabase.Parse(path ?? temp), Console.Out, token);
            }
            finally
            {
                if (temp is not null) try { Directory.Delete(Path.GetDirectoryName(temp)!, recursive: true); } catch (IOException) { }
            }
        }));
        return command;
    }

    private static Command Latency()
    {
        var seconds = PositiveInt("--seconds", "How long to measure, after a one-second warm-up.", 20, 3600);
        var command = new Command("latency", "Time each pack telemetry from the socket read that completed its frame to an event-stream subscriber: p50, p99, max.")
        {
            seconds,
        };
        command.SetAction((pr, ct) => Execute("latency", ct, async token =>
            (await LatencyBench.RunAsync(TimeSpan.FromSeconds(pr.GetValue(seconds)), Console.Out, token)).Summary));
        return command;
    }

    private static Command Scale()
    {
        var banks = PositiveInt("--banks", "Banks of 3 packs, each with its own TCP connection to a simulated gateway.", 100, 5000);
        var gateways = new Option<int>("--gateways") { Description = "Simulated gateways the banks share round-robin (default: one per bank)." };
        gateways.Validators.Add(result =>
        {
            if (Parsed(result) is { } value && value < 1) result.AddError($"--gateways must be at least 1, got {value}.");
        });
        var seconds = PositiveInt("--seconds", "How long to measure CPU, once every bank is healthy and after a warm-up of as long, at most 5 s.", 20, 3600);
        var inProcess = new Option<bool>("--in-process") { Description = "Run the simulated gateways in this process: one CPU figure for hub and simulators together." };
        var command = new Command("scale", "Run many banks on simulated gateways: the hub's CPU (% of one core) and managed memory per bank.")
        {
            banks, gateways, seconds, inProcess,
        };
        command.Validators.Add(result =>
        {
            int n = Parsed(result.GetResult(banks)) ?? 100;
            if (Parsed(result.GetResult(gateways)) is { } g && g > n)
                result.AddError($"--gateways ({g}) cannot exceed --banks ({n}): every gateway needs a bank.");
        });
        command.SetAction((pr, ct) => Execute("scale", ct, async token =>
        {
            int n = pr.GetValue(banks);
            int g = pr.GetValue(gateways);
            return (await ScaleBench.RunAsync(n, g > 0 ? g : n, TimeSpan.FromSeconds(pr.GetValue(seconds)), pr.GetValue(inProcess), Console.Out, token)).Summary;
        }));
        return command;
    }

    private static Command Mqtt()
    {
        var banks = PositiveInt("--banks", "Banks of 3 packs whose telemetry (8 frames/s per pack) is published.", 100, 10_000);
        var seconds = PositiveInt("--seconds", "How long to measure, after discovery and a 2 s warm-up.", 10, 3600);
        var interval = PositiveInt("--interval-ms", "The bridge's publish interval (1000 in the hub): shorter pushes more messages.", 1000, 60_000);
        var broker = new Option<string?>("--broker") { Description = "host:port of a broker to use (default: a mosquitto of the bench's own on loopback)." };
        var command = new Command("mqtt", "Publish the telemetry of many banks to MQTT: discovery time, state messages/s, age of the values, CPU.") { banks, seconds, interval, broker };
        command.SetAction((pr, ct) => Execute("mqtt", ct, async token => (await MqttBench.RunAsync(pr.GetValue(banks), TimeSpan.FromSeconds(pr.GetValue(seconds)),
            TimeSpan.FromMilliseconds(pr.GetValue(interval)), pr.GetValue(broker), Console.Out, token)).Summary));
        return command;
    }

    /// <summary>The child process of <c>bench scale</c>: simulated gateways until stdin closes. Hidden: not for people.</summary>
    private static Command Gateways()
    {
        var count = PositiveInt("--count", "Gateways to start.", 1, 10000);
        var packs = PositiveInt("--packs", "Packs on each gateway's bus.", ScaleBench.PacksPerBank, 32);
        var command = new Command("gateways", "Serve simulated gateways for 'bench scale' until stdin closes.") { count, packs };
        command.Hidden = true;
        command.SetAction(async (pr, ct) =>
        {
            try { return await GatewayFarmProcess.ServeAsync(pr.GetValue(count), pr.GetValue(packs), Console.Out, ct); }
            catch (BenchException e)
            {
                Console.Error.WriteLine($"bench gateways: {e.Message}");
                return 1;
            }
        });
        return command;
    }

    private static Option<int> PositiveInt(string name, string description, int defaultValue, int max)
    {
        var option = new Option<int>(name) { Description = description, DefaultValueFactory = _ => defaultValue };
        option.Validators.Add(result =>
        {
            if (Parsed(result) is { } value && (value < 1 || value > max)) result.AddError($"{name} must be between 1 and {max}, got {value}.");
        });
        return option;
    }

    /// <summary>The integer given on the command line, or null when none was given or it is not a number (the parser reports that).</summary>
    private static int? Parsed(OptionResult? result) =>
        result is { Tokens.Count: > 0 } && int.TryParse(result.Tokens[^1].Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) ? value : null;

    /// <summary>
    /// Runs a bench on the thread pool: its summary line goes last on stdout; Ctrl+C (SIGINT) or SIGTERM cancels it
    /// (clean shutdown, exit code 130); known failures become one line on stderr, never a stack trace.
    /// </summary>
    internal static Task<int> Execute(string name, CancellationToken ct, Func<CancellationToken, Task<string>> bench) =>
        Execute(name, ct, async token => (await bench(token), 0));

    /// <summary>As above, for a bench that also decides its exit code (a verdict, not only figures).</summary>
    internal static async Task<int> Execute(string name, CancellationToken ct, Func<CancellationToken, Task<(string Summary, int ExitCode)>> bench)
    {
        // Signal handlers of our own: with the invocation's token alone, SIGINT ended the process outright, without the
        // clean shutdown of actor systems, gateways and the simulator child process.
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(ct);
        void OnSignal(PosixSignalContext context)
        {
            context.Cancel = true;
            cancel.Cancel();
        }
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        try
        {
            var (summary, exitCode) = await Task.Run(() => bench(cancel.Token), CancellationToken.None);
            Console.Out.WriteLine(summary);
            return exitCode;
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            Console.Error.WriteLine($"bench {name}: cancelled");
            return 130;
        }
        catch (BenchException e)
        {
            Console.Error.WriteLine($"bench {name}: {e.Message}");
            return 1;
        }
    }
}

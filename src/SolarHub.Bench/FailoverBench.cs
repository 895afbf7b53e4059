using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using SolarHub.Configuration;
using SolarHub.Core.Configuration;
using SolarHub.Core.Telemetry;
using SolarHub.Simulator;

namespace SolarHub.Bench;

/// <summary>
/// Figures of <c>solarhub bench failover</c>: from the fault to the first telemetry through the secondary, and the
/// failovers seen while nothing was wrong (<paramref name="FalseFailovers"/> in <paramref name="HealthyPeriod"/>).
/// </summary>
public sealed record FailoverResult(Percentiles Rst, Percentiles Silence, int FalseFailovers, TimeSpan HealthyPeriod)
{
    public string Summary =>
        $"failover: rst p50 {BenchFormat.Milliseconds(Rst[50])} ms max {BenchFormat.Milliseconds(Rst.Max)} ms, " +
        $"silence p50 {BenchFormat.Milliseconds(Silence[50])} ms max {BenchFormat.Milliseconds(Silence.Max)} ms, " +
        $"false failovers {FalseFailovers} in {HealthyPeriod.TotalSeconds:0} s";
}

/// <summary>
/// <c>solarhub bench failover</c>: one bank of 3 packs with a passive primary and a passive hot-standby secondary, each
/// on its own simulated gateway on 127.0.0.1 (two buses with the same options and seed, i.e. the same traffic: the
/// simulator's faults belong to a bus, so one shared bus would fault both gateways at once). Default timings, except
/// a shorter failback hold-down so runs follow each other quickly. Each run waits until the primary is active and
/// both adapters are healthy, injects the fault at a random point of the polling cycle, and times it to the first
/// <see cref="PackTelemetry"/> from the secondary; then it restores the primary and waits for the failback. A silence
/// run also waits until the primary has learned its bus's rhythm again (a new connection learns for 10 s), as it would
/// have on a bus that ran for a while. First comes a healthy period (<c>--healthy</c>, 60 s by default) in which every
/// failover is a false one.
/// </summary>
public sealed class FailoverBench : IAsyncDisposable
{
    public static readonly TimeSpan FailbackHoldDown = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan FailoverTimeout = TimeSpan.FromSeconds(20);
    private const string BankId = "bench-failover";
    private const string Primary = "primary";
    private const string Secondary = "secondary";

    private static readonly SimulatorOptions BusOptions = new() { Packs = 3, FirstAddress = 1, Seed = 7 };

    private readonly TextWriter _output;
    private readonly Channel<long> _secondaryTelemetry = Channel.CreateUnbounded<long>();
    private TcpGatewaySimulator? _primary;
    private TcpGatewaySimulator? _secondary;
    private IPEndPoint? _primaryEndPoint;
    private BenchHub? _hub;
    private volatile FailoverOccurred? _lastFailover;
    private int _failovers;

    private FailoverBench(TextWriter output) => _output = output;

    public enum Fault { Rst, Silence }

    public static async Task<FailoverResult> RunAsync(int runs, TextWriter output, CancellationToken ct, TimeSpan? healthy = null)
    {
        await using var bench = new FailoverBench(output);
        bench.StartGateways();
        bench.StartHub();
        var period = healthy ?? TimeSpan.FromSeconds(60);
        int falseFailovers = await bench.HealthyPeriodAsync(period, ct);
        var rst = await bench.MeasureAsync(Fault.Rst, runs, ct);
        var silence = await bench.MeasureAsync(Fault.Silence, runs, ct);
        return new FailoverResult(rst, silence, falseFailovers, period);
    }

    /// <summary>Both gateways healthy for <paramref name="period"/> (after the primary is active): every failover is a false one.</summary>
    private async Task<int> HealthyPeriodAsync(TimeSpan period, CancellationToken ct)
    {
        await _hub!.WaitUntilActiveAndHealthyAsync(BankId, Primary, learned: false, ct);
        int before = Volatile.Read(ref _failovers);
        await Task.Delay(period, ct);
        int seen = Volatile.Read(ref _failovers) - before;
        var snapshot = await _hub!.SnapshotAsync(BankId, ct);
        _output.WriteLine($"failover: healthy for {period.TotalSeconds:0} s: {seen} failover(s); the primary's bus rhythm allows " +
            (snapshot.Adapters.Single(a => a.Id == Primary).SilenceAfterMs is { } ms ? $"{ms:0} ms of silence" : "no silence bound (data-deadline applies)"));
        return seen;
    }

    private void StartGateways()
    {
        _primary = StartGateway(null);
        _primaryEndPoint = _primary.LocalEndPoint;
        _secondary = StartGateway(null);
    }

    private static TcpGatewaySimulator StartGateway(IPEndPoint? endPoint)
    {
        var gateway = new TcpGatewaySimulator(BusOptions, endPoint);
        try
        {
            gateway.Start();
            return gateway;
        }
        catch (SocketException e)
        {
            throw new BenchException($"cannot start a simulated gateway on {endPoint?.ToString() ?? "127.0.0.1"}: {e.Message}", e);
        }
    }

    private void StartHub()
    {
        var timings = BankTimings.Default with { FailbackHoldDown = FailbackHoldDown };
        var bank = new BankConfig(BankId, "Failover bench", [new PackConfig(1), new PackConfig(2), new PackConfig(3)],
        [
            new AdapterConfig(Primary, AdapterProtocol.JkPassive, new TcpTransport("127.0.0.1", _primaryEndPoint!.Port), Priority: 1),
            new AdapterConfig(Secondary, AdapterProtocol.JkPassive, new TcpTransport("127.0.0.1", _secondary!.LocalEndPoint.Port), Priority: 2),
        ]);
        _output.WriteLine($"failover: bank of 3 packs; {bank.Adapters[0].Describe()}, {bank.Adapters[1].Describe()} as hot standby");
        _output.WriteLine($"failover: default timings (data-deadline {timings.DataDeadline.TotalSeconds:0.##} s, heartbeat {timings.HeartbeatInterval.TotalMilliseconds:0} ms, " +
            $"backoff-min {timings.BackoffMin.TotalMilliseconds:0} ms) except failback-hold-down {BankTimings.Default.FailbackHoldDown.TotalSeconds:0.#} s -> {timings.FailbackHoldDown.TotalSeconds:0.#} s");

        _hub = BenchHub.Start(new HubConfig([bank], []), timings);
        _hub.Subscribe("failover-probe", OnEvent, typeof(PackTelemetry), typeof(FailoverOccurred));
    }

    private void OnEvent(object message, long at)
    {
        switch (message)
        {
            case PackTelemetry { AdapterId: Secondary, Stale: false }:
                _secondaryTelemetry.Writer.TryWrite(at);
                break;
            case FailoverOccurred failover:
                _lastFailover = failover;
                Interlocked.Increment(ref _failovers);
                break;
        }
    }

    private async Task<Percentiles> MeasureAsync(Fault fault, int runs, CancellationToken ct)
    {
        string name = fault.ToString().ToLowerInvariant();
        var samples = new List<TimeSpan>(runs);
        for (int run = 1; run <= runs; run++)
        {
            await _hub!.WaitUntilActiveAndHealthyAsync(BankId, Primary, learned: fault == Fault.Silence, ct);
            // Land the fault anywhere in the polling cycle, not right after a frame.
            await Task.Delay(Random.Shared.Next(0, (int)SimulatorOptions.DefaultPollInterval.TotalMilliseconds * 3), ct);
            while (_secondaryTelemetry.Reader.TryRead(out _)) { }

            long faultAt = Stopwatch.GetTimestamp();
            string what = await InjectAsync(fault);
            var elapsed = await WaitForSecondaryAsync(faultAt, name, ct);
            samples.Add(elapsed);
            _output.WriteLine($"failover: {name} run {run}/{runs}: {BenchFormat.Milliseconds(elapsed)} ms ({what}; bank: {_lastFailover?.Reason ?? "?"})");
            Restore(fault);
        }
        await _hub!.WaitUntilActiveAndHealthyAsync(BankId, Primary, learned: false, ct);
        return new Percentiles(samples);
    }

    private async Task<string> InjectAsync(Fault fault)
    {
        switch (fault)
        {
            case Fault.Rst:
                var primary = Interlocked.Exchange(ref _primary, null)!;
                int reset = primary.Faults.ResetConnections();
                await primary.DisposeAsync(); // and keep refusing: nothing listens on the port any more
                return $"{reset} connection(s) reset, port closed";
            default:
                _primary!.Faults.Silence();
                return "gateway silent, connection open";
        }
    }

    private void Restore(Fault fault)
    {
        if (fault == Fault.Silence)
        {
            _primary!.Faults.Clear(FaultKind.Silence);
            return;
        }
        // The gateway comes back on the same port.
        _primary = StartGateway(_primaryEndPoint);
    }

    private async Task<TimeSpan> WaitForSecondaryAsync(long faultAt, string fault, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(FailoverTimeout);
        try
        {
            while (true)
            {
                long at = await _secondaryTelemetry.Reader.ReadAsync(timeout.Token);
                if (at >= faultAt) return Stopwatch.GetElapsedTime(faultAt, at);
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new BenchException($"no telemetry through the secondary within {FailoverTimeout.TotalSeconds:0} s after the {fault} fault");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_hub is not null) await _hub.DisposeAsync();
        if (Interlocked.Exchange(ref _primary, null) is { } primary) await primary.DisposeAsync();
        if (_secondary is not null) await _secondary.DisposeAsync();
    }
}

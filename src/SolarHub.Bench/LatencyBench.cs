using System.Diagnostics;
using SolarHub.Configuration;
using SolarHub.Core.Configuration;
using SolarHub.Core.Telemetry;
using SolarHub.Simulator;

namespace SolarHub.Bench;

/// <summary>Figures of <c>solarhub bench latency</c>: from the socket read that completed a frame to the subscriber.</summary>
public sealed record LatencyResult(Percentiles Samples)
{
    public string Summary =>
        $"latency: p50 {Ms(Samples[50])} ms, p99 {Ms(Samples[99])} ms, max {Ms(Samples.Max)} ms ({Samples.Count} samples)";

    private static string Ms(TimeSpan value) => BenchFormat.Number(value.TotalMilliseconds, 2);
}

/// <summary>
/// <c>solarhub bench latency</c>: one bank of 3 packs with one passive adapter on a simulated gateway polled at the JK
/// pace (130 ms per poll, about 7.7 frames/s). For every <see cref="PackTelemetry"/> an event-stream subscriber
/// computes the time since <see cref="PackTelemetry.SourceTimestamp"/> (the socket read that completed the frame):
/// read completion, actor hops, decoding, the bank, the event stream. The first second of telemetry is a warm-up.
/// </summary>
public static class LatencyBench
{
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan FirstTelemetryTimeout = TimeSpan.FromSeconds(30);
    private const string BankId = "bench-latency";

    public static async Task<LatencyResult> RunAsync(TimeSpan duration, TextWriter output, CancellationToken ct)
    {
        await using var gateway = new TcpGatewaySimulator(new SimulatorOptions { Packs = 3, Seed = 11 });
        gateway.Start();
        var adapter = new AdapterConfig("gateway", AdapterProtocol.JkPassive, new TcpTransport("127.0.0.1", gateway.LocalEndPoint.Port));
        var bank = new BankConfig(BankId, "Latency bench", [new PackConfig(1), new PackConfig(2), new PackConfig(3)], [adapter]);
        output.WriteLine($"latency: bank of 3 packs, {adapter.Describe()}, polled every {SimulatorOptions.DefaultPollInterval.TotalMilliseconds:0} ms");

        var samples = new List<TimeSpan>();
        var gate = new Lock();
        var first = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        bool measuring = false;

        await using var hub = BenchHub.Start(new HubConfig([bank], []), BankTimings.Default);
        hub.Subscribe("latency-probe", (message, at) =>
        {
            if (message is not PackTelemetry { Stale: false, SourceTimestamp: > 0 } telemetry) return;
            first.TrySetResult();
            var latency = Stopwatch.GetElapsedTime(telemetry.SourceTimestamp, at);
            lock (gate) if (measuring) samples.Add(latency);
        }, typeof(PackTelemetry));

        try { await first.Task.WaitAsync(FirstTelemetryTimeout, ct); }
        catch (TimeoutException) { throw new BenchException($"no telemetry within {FirstTelemetryTimeout.TotalSeconds:0} s of starting the bank"); }
        output.WriteLine($"latency: telemetry flows; warming up for {WarmUp.TotalSeconds:0} s, then measuring for {duration.TotalSeconds:0} s");
        await Task.Delay(WarmUp, ct);
        lock (gate) measuring = true;

        var start = Stopwatch.GetTimestamp();
        for (int second = 1; second <= (int)Math.Ceiling(duration.TotalSeconds); second++)
        {
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), start + (long)(Math.Min(second, duration.TotalSeconds) * Stopwatch.Frequency));
            if (wait > TimeSpan.Zero) await Task.Delay(wait, ct);
            Percentiles sofar;
            lock (gate) sofar = new Percentiles(samples);
            output.WriteLine($"latency: {second,3} s  {sofar.Count} samples  p50 {sofar[50].TotalMilliseconds:0.00} ms  max {sofar.Max.TotalMilliseconds:0.00} ms");
        }
        lock (gate)
        {
            measuring = false;
            if (samples.Count == 0) throw new BenchException("no telemetry arrived while measuring");
            return new LatencyResult(new Percentiles(samples));
        }
    }
}

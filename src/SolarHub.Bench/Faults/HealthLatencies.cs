using System.Diagnostics;
using System.Globalization;

namespace SolarHub.Bench.Faults;

/// <summary>One timed <c>GET /health</c>: when it started (from the first probe) and how long its answer took.</summary>
internal readonly record struct HealthProbe(TimeSpan At, TimeSpan Latency);

/// <summary><c>GET /health</c> timed at a steady pace until cancelled: the latencies of the answers (a failed probe counts as its time out).</summary>
internal static class HealthLatencies
{
    public static async Task<List<HealthProbe>> SampleAsync(Uri node, TimeSpan every, CancellationToken ct)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var probes = new List<HealthProbe>();
        try
        {
            // Untimed: the first request pays for this client's connection and code, not for the node's answer.
            await ProbeAsync(http, node, ct);
            var clock = Stopwatch.StartNew();
            while (!ct.IsCancellationRequested)
            {
                var at = clock.Elapsed;
                probes.Add(new HealthProbe(at, await ProbeAsync(http, node, ct)));
                await Task.Delay(every, ct);
            }
        }
        catch (OperationCanceledException) { }
        return probes;
    }

    /// <summary>The slowest probes, as "160 ms at 2.3 s", to tell which part of a fault slowed the node.</summary>
    public static string Slowest(IEnumerable<HealthProbe> probes, int count) =>
        string.Join(", ", probes.OrderByDescending(p => p.Latency).Take(count)
            .Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Latency.TotalMilliseconds:0} ms at {p.At.TotalSeconds:0.0} s")));

    private static async Task<TimeSpan> ProbeAsync(HttpClient http, Uri node, CancellationToken ct)
    {
        long start = Stopwatch.GetTimestamp();
        try { using var _ = await http.GetAsync(new Uri(node, "/health"), ct); }
        catch (HttpRequestException) { }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested) { }
        return Stopwatch.GetElapsedTime(start);
    }
}

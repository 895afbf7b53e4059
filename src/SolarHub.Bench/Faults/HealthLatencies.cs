using System.Diagnostics;

namespace SolarHub.Bench.Faults;

/// <summary><c>GET /health</c> timed at a steady pace until cancelled: the latencies of the answers (a failed probe counts as its time out).</summary>
internal static class HealthLatencies
{
    public static async Task<List<TimeSpan>> SampleAsync(Uri node, TimeSpan every, CancellationToken ct)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var latencies = new List<TimeSpan>();
        try
        {
            while (!ct.IsCancellationRequested)
            {
                long start = Stopwatch.GetTimestamp();
                try { using var _ = await http.GetAsync(new Uri(node, "/health"), ct); }
                catch (HttpRequestException) { }
                catch (TaskCanceledException) when (!ct.IsCancellationRequested) { }
                latencies.Add(Stopwatch.GetElapsedTime(start));
                await Task.Delay(every, ct);
            }
        }
        catch (OperationCanceledException) { }
        return latencies;
    }
}

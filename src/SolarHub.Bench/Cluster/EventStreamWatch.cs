using System.Collections.Concurrent;
using System.Text.Json;

namespace SolarHub.Bench.Cluster;

/// <summary>One server-sent event as a client received it: its kind, its data, and when it arrived.</summary>
public sealed record ReceivedEvent(string Kind, JsonElement Data, DateTimeOffset At)
{
    public string? Text(string name) => Data.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}

/// <summary>A client of a node's <c>GET /api/events</c> that records every event it receives, for the cluster scenarios.</summary>
public sealed class EventStreamWatch : IAsyncDisposable
{
    private readonly HttpClient _http = new() { Timeout = Timeout.InfiniteTimeSpan };
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<ReceivedEvent> _received = new();
    private Task _reading = Task.CompletedTask;

    private EventStreamWatch()
    {
    }

    public IReadOnlyList<ReceivedEvent> All => _received.ToArray();

    /// <summary>Connects (the response headers are in: the node's subscriber is live) and reads in the background.</summary>
    public static async Task<EventStreamWatch> OpenAsync(Uri url, CancellationToken ct)
    {
        var watch = new EventStreamWatch();
        try
        {
            var response = await watch._http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, ct);
            response.EnsureSuccessStatusCode();
            var stream = await response.Content.ReadAsStreamAsync(ct);
            watch._reading = watch.ReadAsync(response, stream);
        }
        catch
        {
            await watch.DisposeAsync();
            throw;
        }
        return watch;
    }

    /// <summary>The first event that satisfies <paramref name="match"/>, waiting up to <paramref name="timeout"/>.</summary>
    public async Task<ReceivedEvent> WaitForAsync(Func<ReceivedEvent, bool> match, TimeSpan timeout, string what, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (_received.FirstOrDefault(match) is { } found) return found;
            if (DateTime.UtcNow > deadline) throw new BenchException($"{what} not seen on /api/events within {timeout.TotalSeconds:0} s ({_received.Count} events seen)");
            await Task.Delay(20, ct);
        }
    }

    private async Task ReadAsync(HttpResponseMessage response, Stream stream)
    {
        using var _ = response;
        using var reader = new StreamReader(stream);
        string? kind = null;
        try
        {
            while (await reader.ReadLineAsync(_stop.Token) is { } line)
            {
                if (line.StartsWith("event: ", StringComparison.Ordinal)) kind = line["event: ".Length..];
                else if (line.StartsWith("data: ", StringComparison.Ordinal) && kind is not null)
                {
                    _received.Enqueue(new ReceivedEvent(kind, JsonDocument.Parse(line["data: ".Length..]).RootElement.Clone(), DateTimeOffset.Now));
                    kind = null;
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or HttpRequestException) { /* closed */ }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _reading;
        _http.Dispose();
        _stop.Dispose();
    }
}

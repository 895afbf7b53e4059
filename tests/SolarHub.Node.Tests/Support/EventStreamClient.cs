using System.Text.Json.Nodes;

namespace SolarHub.Node.Tests.Support;

/// <summary>A <c>GET /api/events</c> client over real HTTP: reads the stream line by line into events and comments.</summary>
public sealed class EventStreamClient : IAsyncDisposable
{
    public sealed record ServerEvent(string Kind, JsonObject Data);

    private readonly HttpClient _http;
    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;

    private EventStreamClient(HttpClient http, HttpResponseMessage response, StreamReader reader)
    {
        _http = http;
        _response = response;
        _reader = reader;
    }

    public HttpResponseMessage Response => _response;

    /// <summary>Comment lines seen so far (": keep-alive", ": connected", ...).</summary>
    public List<string> Comments { get; } = [];

    public static async Task<EventStreamClient> OpenAsync(Uri node, string query = "")
    {
        var http = new HttpClient { BaseAddress = node, Timeout = Timeout.InfiniteTimeSpan };
        var response = await http.GetAsync("/api/events" + query, HttpCompletionOption.ResponseHeadersRead);
        var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        return new EventStreamClient(http, response, reader);
    }

    /// <summary>The next event; comments are collected on the way. Throws when none arrives within <paramref name="timeout"/>.</summary>
    public async Task<ServerEvent> NextAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        string? kind = null;
        string? data = null;
        while (true)
        {
            var line = await _reader.ReadLineAsync(cts.Token) ?? throw new EndOfStreamException("the server closed the event stream");
            if (line.StartsWith(':')) Comments.Add(line);
            else if (line.StartsWith("event: ", StringComparison.Ordinal)) kind = line["event: ".Length..];
            else if (line.StartsWith("data: ", StringComparison.Ordinal)) data = line["data: ".Length..];
            else if (line.Length == 0 && kind is not null && data is not null)
                return new ServerEvent(kind, JsonNode.Parse(data)!.AsObject());
        }
    }

    /// <summary>Reads events until one matches; every event read is passed to <paramref name="seen"/>.</summary>
    public async Task<ServerEvent> UntilAsync(Func<ServerEvent, bool> match, TimeSpan timeout, Action<ServerEvent>? seen = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero) throw new TimeoutException("no matching event within " + timeout);
            var e = await NextAsync(left);
            seen?.Invoke(e);
            if (match(e)) return e;
        }
    }

    /// <summary>Reads (events and comments) until a comment matches.</summary>
    public async Task UntilCommentAsync(string comment, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (true)
        {
            var line = await _reader.ReadLineAsync(cts.Token) ?? throw new EndOfStreamException("the server closed the event stream");
            if (line == comment) return;
        }
    }

    public ValueTask DisposeAsync()
    {
        _reader.Dispose();
        _response.Dispose();
        _http.Dispose();
        return ValueTask.CompletedTask;
    }
}

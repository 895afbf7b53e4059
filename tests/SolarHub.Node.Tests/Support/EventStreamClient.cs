using System.Text.Json.Nodes;

namespace SolarHub.Node.Tests.Support;

/// <summary>A <c>GET /api/events</c> client over real HTTP: reads the stream line by line into events and comments.</summary>
public sealed class EventStreamClient : IAsyncDisposable
{
    public sealed record ServerEvent(string Kind, JsonObject Data, string? Id = null)
    {
        /// <summary>The node-wide sequence of the id (<c>run-sequence</c>).</summary>
        public long Sequence => Id is null
            ? throw new InvalidOperationException($"a {Kind} event without an id")
            : long.Parse(Id[(Id.LastIndexOf('-') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
    }

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

    /// <summary>The <c>retry:</c> fields seen so far.</summary>
    public List<string> Retries { get; } = [];

    /// <param name="lastEventId">Sent as the <c>Last-Event-ID</c> header, as a reconnecting EventSource does.</param>
    public static async Task<EventStreamClient> OpenAsync(Uri node, string query = "", string? lastEventId = null)
    {
        var http = new HttpClient { BaseAddress = node, Timeout = Timeout.InfiniteTimeSpan };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/events" + query);
        if (lastEventId is not null) request.Headers.Add("Last-Event-ID", lastEventId);
        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        return new EventStreamClient(http, response, reader);
    }

    /// <summary>The next event; comments are collected on the way. Throws when none arrives within <paramref name="timeout"/>.</summary>
    public async Task<ServerEvent> NextAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        string? kind = null;
        string? data = null;
        string? id = null;
        while (true)
        {
            var line = await _reader.ReadLineAsync(cts.Token) ?? throw new EndOfStreamException("the server closed the event stream");
            if (line.StartsWith(':')) Comments.Add(line);
            else if (line.StartsWith("id: ", StringComparison.Ordinal)) id = line["id: ".Length..];
            else if (line.StartsWith("retry: ", StringComparison.Ordinal)) Retries.Add(line["retry: ".Length..]);
            else if (line.StartsWith("event: ", StringComparison.Ordinal)) kind = line["event: ".Length..];
            else if (line.StartsWith("data: ", StringComparison.Ordinal)) data = line["data: ".Length..];
            else if (line.Length == 0 && kind is not null && data is not null)
                return new ServerEvent(kind, JsonNode.Parse(data)!.AsObject(), id);
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

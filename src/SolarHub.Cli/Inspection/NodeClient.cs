using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;

namespace SolarHub.Cli.Inspection;

/// <summary>GETs from a node's HTTP API, turning "nothing answers" into <see cref="NodeUnreachableException"/>.</summary>
public sealed class NodeClient : IDisposable
{
    private readonly HttpClient _http;

    public NodeClient(NodeTarget target)
    {
        Target = target;
        // Timeouts are per call (a linked token), so the same client can also hold an endless event stream open.
        _http = new HttpClient { BaseAddress = new Uri(target.Url + "/"), Timeout = System.Threading.Timeout.InfiniteTimeSpan };
    }

    public NodeTarget Target { get; }

    public string Url => Target.Url;

    public async Task<NodeAnswer> GetAsync(string path, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(Target.Timeout);
        try
        {
            using var response = await _http.GetAsync(path.TrimStart('/'), timeout.Token);
            var body = await response.Content.ReadAsStringAsync(timeout.Token);
            return new NodeAnswer(Url, path, response.StatusCode, body);
        }
        catch (HttpRequestException e) { throw new NodeUnreachableException(Url, ReasonOf(e)); }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested) { throw new NodeUnreachableException(Url, NoAnswerWithin()); }
    }

    /// <summary>POSTs without a body, with <paramref name="token"/> as bearer token when there is one (state-changing endpoints).</summary>
    public async Task<NodeAnswer> PostAsync(string path, string? token, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(Target.Timeout);
        using var request = new HttpRequestMessage(HttpMethod.Post, path.TrimStart('/'));
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        try
        {
            using var response = await _http.SendAsync(request, timeout.Token);
            var body = await response.Content.ReadAsStringAsync(timeout.Token);
            return new NodeAnswer(Url, path, response.StatusCode, body) { Method = "POST" };
        }
        catch (HttpRequestException e) { throw new NodeUnreachableException(Url, ReasonOf(e)); }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested) { throw new NodeUnreachableException(Url, NoAnswerWithin()); }
    }

    /// <summary>Opens an event stream (text/event-stream); the timeout covers the response headers only.</summary>
    /// <param name="lastEventId">The id of the last event received before the stream was lost: the node replays what came after it.</param>
    public async Task<HttpResponseMessage> OpenStreamAsync(string path, CancellationToken ct, string? lastEventId = null)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(Target.Timeout);
        var request = new HttpRequestMessage(HttpMethod.Get, path.TrimStart('/'));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        if (lastEventId is not null) request.Headers.TryAddWithoutValidation("Last-Event-ID", lastEventId);
        try
        {
            var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            if (response.IsSuccessStatusCode) return response;
            using (response)
            {
                var body = await response.Content.ReadAsStringAsync(timeout.Token);
                throw new NodeAnswer(Url, path, response.StatusCode, body).Failure();
            }
        }
        catch (HttpRequestException e) { throw new NodeUnreachableException(Url, ReasonOf(e)); }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested) { throw new NodeUnreachableException(Url, NoAnswerWithin()); }
    }

    public void Dispose() => _http.Dispose();

    private string NoAnswerWithin() => $"no answer within {Target.Timeout.TotalSeconds:0.#} s";

    private static string ReasonOf(HttpRequestException e) => e.InnerException switch
    {
        SocketException { SocketErrorCode: SocketError.ConnectionRefused } => "connection refused",
        SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain } => "host not found",
        SocketException { SocketErrorCode: SocketError.TimedOut } => "connection timed out",
        SocketException { SocketErrorCode: SocketError.NetworkUnreachable or SocketError.HostUnreachable } => "network unreachable",
        SocketException s => s.Message,
        _ when e.HttpRequestError == HttpRequestError.ResponseEnded => "the connection closed without an HTTP answer",
        _ when e.HttpRequestError == HttpRequestError.InvalidResponse => "the answer is not HTTP",
        _ when e.HttpRequestError == HttpRequestError.SecureConnectionError => "TLS failed: " + e.Message,
        _ => e.Message,
    };
}

using System.Collections.Concurrent;
using System.Net;

namespace SolarHub.TestSupport;

/// <summary>
/// An HTTP server on 127.0.0.1 (HttpListener) for webhook tests: answers 500 to its first <c>failFirst</c> requests,
/// then 200, and keeps every request's status, body and content type in arrival order.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    public sealed record Request(int Status, string Body, string ContentType);

    private readonly HttpListener _listener = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<Request> _requests = new();
    private Task _loop = Task.CompletedTask;

    private WebhookReceiver(string url) => Url = url;

    public string Url { get; }

    public IReadOnlyList<Request> Requests => _requests.ToArray();

    /// <param name="port">A port of the test's choosing (e.g. one a client already tried in vain); null: a free one.</param>
    public static WebhookReceiver Start(int failFirst = 0, int? port = null)
    {
        var receiver = new WebhookReceiver($"http://127.0.0.1:{port ?? LoopbackPorts.Free()}/hook/");
        receiver._listener.Prefixes.Add(receiver.Url);
        receiver._listener.Start();
        receiver._loop = receiver.Serve(failFirst);
        return receiver;
    }

    private async Task Serve(int failFirst)
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException) { return; }
            using var reader = new StreamReader(context.Request.InputStream);
            var body = await reader.ReadToEndAsync();
            var status = failFirst-- > 0 ? 500 : 200;
            _requests.Enqueue(new Request(status, body, context.Request.ContentType ?? ""));
            context.Response.StatusCode = status;
            context.Response.Close();
        }
    }

    /// <summary>Waits (bounded) until <paramref name="done"/> holds for the requests so far.</summary>
    public async Task UntilAsync(Func<IReadOnlyList<Request>, bool> done, TimeSpan patience)
    {
        var deadline = DateTime.UtcNow + patience;
        while (!done(Requests))
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"the receiver got {_requests.Count} request(s): {string.Join(" | ", Requests.Select(r => $"{r.Status} {r.Body}"))}");
            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        _listener.Close();
        await _loop;
        _stop.Dispose();
    }
}

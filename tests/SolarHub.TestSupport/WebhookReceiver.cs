using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace SolarHub.TestSupport;

/// <summary>
/// An HTTP server on 127.0.0.1 for webhook tests: answers 500 to its first <c>failFirst</c> requests, then 200, and
/// keeps every request's status, body and content type in arrival order.
/// </summary>
/// <remarks>
/// Kestrel, not <c>HttpListener</c>: the runtime's managed HttpListener once threw an ArgumentNullException from its
/// own endpoint bookkeeping (<c>HttpEndPointListener</c>) when started again on a port, failing a test that had
/// nothing wrong.
/// </remarks>
public sealed class WebhookReceiver : IAsyncDisposable
{
    public sealed record Request(int Status, string Body, string ContentType);

    private readonly ConcurrentQueue<Request> _requests = new();
    private WebApplication? _app;
    private int _failuresLeft;

    private WebhookReceiver(string url, int failFirst)
    {
        Url = url;
        _failuresLeft = failFirst;
    }

    public string Url { get; }

    public IReadOnlyList<Request> Requests => _requests.ToArray();

    /// <param name="port">A port of the test's choosing (e.g. one a client already tried in vain); null: a free one.</param>
    public static async Task<WebhookReceiver> StartAsync(int failFirst = 0, int? port = null)
    {
        var origin = $"http://127.0.0.1:{port ?? LoopbackPorts.Free()}";
        var receiver = new WebhookReceiver($"{origin}/hook/", failFirst);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(origin);
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapPost("/hook/", receiver.Receive);
        await app.StartAsync();
        receiver._app = app;
        return receiver;
    }

    private async Task Receive(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync();
        var status = Interlocked.Decrement(ref _failuresLeft) >= 0 ? 500 : 200;
        _requests.Enqueue(new Request(status, body, context.Request.ContentType ?? ""));
        context.Response.StatusCode = status;
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
        if (_app is null) return;
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

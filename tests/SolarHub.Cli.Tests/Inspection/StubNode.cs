using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace SolarHub.Cli.Tests.Inspection;

/// <summary>
/// A tiny HTTP server on loopback that answers like a node with contract-shaped fixtures, for what a real node cannot
/// show on demand (failover history, alarms, a dropped event stream, errors) or does not serve yet.
/// </summary>
public sealed class StubNode : IAsyncDisposable
{
    private readonly WebApplication _app;

    private StubNode(WebApplication app, string url)
    {
        _app = app;
        Url = url;
    }

    public string Url { get; }

    /// <summary>Path and query of every request, in order.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    public static async Task<StubNode> StartAsync(Action<WebApplication> map)
    {
        var url = $"http://127.0.0.1:{InspectionCli.FreePort()}";
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(url);
        builder.Logging.ClearProviders();
        var app = builder.Build();
        StubNode? stub = null;
        app.Use(async (ctx, next) =>
        {
            stub!.Requests.Enqueue(ctx.Request.Path + ctx.Request.QueryString);
            await next(ctx);
        });
        map(app);
        stub = new StubNode(app, url);
        await app.StartAsync();
        return stub;
    }

    public static IResult Json(string json, int status = 200) => Results.Text(json, "application/json", statusCode: status);

    /// <summary>Writes events as text/event-stream, then holds the stream open (or closes it when <paramref name="thenClose"/>).</summary>
    public static async Task ServeEvents(HttpContext ctx, IEnumerable<(string Kind, string Json)> events, bool thenClose = false)
    {
        ctx.Response.ContentType = "text/event-stream";
        await ctx.Response.WriteAsync(": keep-alive\n\n");
        foreach (var (kind, json) in events) await ctx.Response.WriteAsync($"event: {kind}\ndata: {json}\n\n");
        await ctx.Response.Body.FlushAsync();
        if (thenClose) return;
        try { await Task.Delay(Timeout.Infinite, ctx.RequestAborted); }
        catch (OperationCanceledException) { }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

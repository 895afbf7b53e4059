using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Akka.Actor;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;
using SolarHub.Node.Api.Events;

namespace SolarHub.Node.Api;

/// <summary>
/// <c>GET /api/events[?bank=id][&amp;kinds=failover,adapter-state]</c>: Server-Sent Events of pack and bank telemetry, adapter state changes, failovers
/// and bank alarms, each <c>event: kind</c> + <c>data: one-line JSON</c>; <c>: keep-alive</c> comments in quiet times.
/// </summary>
public static class EventStreamEndpoints
{
    /// <summary>Name prefix of the per-client subscriber actors under /user.</summary>
    public const string SubscriberPrefix = "solarhub-api-events-";

    private static long _connections;

    public static IEndpointRouteBuilder MapEventStreamEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/events", async (HttpContext http, string? bank, string? kinds, ActorSystem system, BankSnapshots banks, ApiOptions options, JsonEventFormat format, IHostApplicationLifetime lifetime) =>
        {
            // Ends with the client, or when the node stops (Kestrel would otherwise wait for the stream to end).
            using var connection = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, lifetime.ApplicationStopping);
            var ct = connection.Token;
            if (!ServerEvent.TryParseKinds(kinds, out var types, out var kindsError))
            {
                await ApiErrors.Result(StatusCodes.Status400BadRequest, kindsError!).ExecuteAsync(http);
                return;
            }
            if (bank is not null && await banks.OneAsync(bank, ct) is null)
            {
                await ApiErrors.NoBank(bank).ExecuteAsync(http);
                return;
            }

            long dropped = 0;
            var channel = Channel.CreateBounded<ServerEvent>(
                new BoundedChannelOptions(options.EventStreamBuffer) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true, SingleWriter = true },
                _ => Interlocked.Increment(ref dropped));
            var subscriber = system.ActorOf(EventStreamSubscriber.Props(channel.Writer, bank, types), SubscriberPrefix + Interlocked.Increment(ref _connections));
            try
            {
                http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
                http.Response.ContentType = "text/event-stream";
                http.Response.Headers.CacheControl = "no-cache";
                http.Response.Headers["X-Accel-Buffering"] = "no";
                await Write(http, ": connected\n\n", ct);
                await Pump(http, channel.Reader, options.EventStreamKeepAlive, format, () => Interlocked.Exchange(ref dropped, 0), ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { /* the client went away */ }
            catch (IOException) { /* the client went away mid-write */ }
            finally
            {
                system.Stop(subscriber);
            }
        });
        return app;
    }

    private static async Task Pump(HttpContext http, ChannelReader<ServerEvent> reader, TimeSpan keepAlive, JsonEventFormat format, Func<long> takeDropped, CancellationToken ct)
    {
        var text = new StringBuilder();
        while (!ct.IsCancellationRequested)
        {
            bool more;
            using (var wait = CancellationTokenSource.CreateLinkedTokenSource(ct))
            {
                wait.CancelAfter(keepAlive);
                try { more = await reader.WaitToReadAsync(wait.Token); }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                    await Write(http, ": keep-alive\n\n", ct);
                    continue;
                }
            }
            if (!more) return; // the subscriber stopped (the actor system is shutting down)

            text.Clear();
            if (takeDropped() is > 0 and var lost) text.Append(": dropped ").Append(lost).Append(" event(s): the client reads slower than events arrive\n\n");
            while (reader.TryRead(out var e))
                text.Append("event: ").Append(e.Kind).Append("\ndata: ").Append(format.Serialize(e.Data)).Append("\n\n");
            await Write(http, text.ToString(), ct);
        }
    }

    private static async Task Write(HttpContext http, string text, CancellationToken ct)
    {
        await http.Response.WriteAsync(text, ct);
        await http.Response.Body.FlushAsync(ct);
    }
}

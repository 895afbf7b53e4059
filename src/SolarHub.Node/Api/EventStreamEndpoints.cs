using System.Globalization;
using System.Text;
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
/// <c>GET /api/events[?bank=id][&amp;kinds=failover,adapter-state][&amp;lastEventId=id]</c>: Server-Sent Events of pack
/// and bank telemetry, adapter state changes, failovers and bank alarms, each <c>id: node-wide id</c> +
/// <c>event: kind</c> + <c>data: one-line JSON</c>; <c>: keep-alive</c> comments in quiet times. A client resuming
/// with <c>Last-Event-ID</c> first gets what it missed from <see cref="RecentEvents"/>, or an <c>event: gap</c>.
/// </summary>
public static class EventStreamEndpoints
{
    /// <summary>Name prefix of the per-client subscriber actors under /user.</summary>
    public const string SubscriberPrefix = "solarhub-api-events-";

    /// <summary>The header a resuming EventSource sends; the query parameter of the same name is for clients that cannot set headers.</summary>
    public const string LastEventIdHeader = "Last-Event-ID";

    // A long replay goes out in pieces of about this many characters rather than as one string.
    private const int ReplayChunk = 32 * 1024;

    private static long _connections;

    public static IEndpointRouteBuilder MapEventStreamEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/events", async (HttpContext http, string? bank, string? kinds, string? lastEventId, ActorSystem system, BankSnapshots banks,
            ApiOptions options, JsonEventFormat format, RecentEvents recent, IHostApplicationLifetime lifetime) =>
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
            var resumeAfter = http.Request.Headers[LastEventIdHeader].FirstOrDefault() is { Length: > 0 } header ? header
                : string.IsNullOrEmpty(lastEventId) ? null : lastEventId;
            var filter = EventStreamFilter.For(bank, types);

            long dropped = 0;
            var channel = Channel.CreateBounded<ServerEvent>(
                new BoundedChannelOptions(options.EventStreamBuffer) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true, SingleWriter = true },
                _ => Interlocked.Increment(ref dropped));
            var subscriber = system.ActorOf(EventStreamSubscriber.Props(channel.Writer, filter), SubscriberPrefix + Interlocked.Increment(ref _connections));
            try
            {
                // Subscribed (its PreStart ran) before the buffer is read: every event is then in the replay, live, or both (de-duplicated by sequence).
                if (resumeAfter is not null) await subscriber.Ask<ActorIdentity>(new Identify(null), TimeSpan.FromSeconds(10), ct);
                http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
                http.Response.ContentType = "text/event-stream";
                http.Response.Headers.CacheControl = "no-cache";
                http.Response.Headers["X-Accel-Buffering"] = "no";
                var retry = ((long)options.EventStreamRetry.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
                await Write(http, $": connected\nretry: {retry}\n\n", ct);
                long through = resumeAfter is null ? 0 : await Replay(http, recent.After(resumeAfter, filter.Accepts), format, ct);
                await Pump(http, channel.Reader, options.EventStreamKeepAlive, format, () => Interlocked.Exchange(ref dropped, 0), through, ct);
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

    /// <returns>The newest sequence the replay covered: live events up to it are duplicates.</returns>
    private static async Task<long> Replay(HttpContext http, EventReplay replay, JsonEventFormat format, CancellationToken ct)
    {
        var text = new StringBuilder();
        if (replay.Gap is { } gap) text.Append("event: ").Append(EventGap.Kind).Append("\ndata: ").Append(format.Serialize(gap)).Append("\n\n");
        foreach (var e in replay.Events)
        {
            Append(text, e, format);
            if (text.Length < ReplayChunk) continue;
            await Write(http, text.ToString(), ct);
            text.Clear();
        }
        if (text.Length > 0) await Write(http, text.ToString(), ct);
        return replay.Through;
    }

    private static async Task Pump(HttpContext http, ChannelReader<ServerEvent> reader, TimeSpan keepAlive, JsonEventFormat format, Func<long> takeDropped,
        long replayedThrough, CancellationToken ct)
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
                if (e.Sequence > replayedThrough) Append(text, e, format);
            if (text.Length > 0) await Write(http, text.ToString(), ct);
        }
    }

    private static void Append(StringBuilder text, ServerEvent e, JsonEventFormat format) =>
        text.Append("id: ").Append(e.Id).Append("\nevent: ").Append(e.Kind).Append("\ndata: ").Append(e.Json(format)).Append("\n\n");

    private static async Task Write(HttpContext http, string text, CancellationToken ct)
    {
        await http.Response.WriteAsync(text, ct);
        await http.Response.Body.FlushAsync(ct);
    }
}

using System.Net;

namespace SolarHub.Cli.Inspection;

/// <summary>
/// Follows <c>GET /api/events</c>. The first connection's failure is the caller's (no node, no such endpoint);
/// once connected, a lost stream is reported through <paramref name="notice"/> and reopened until cancelled, with
/// <c>Last-Event-ID</c> so the node replays what came meanwhile (or says, with an <c>event: gap</c>, that it cannot).
/// </summary>
public sealed class EventFollower(NodeClient node, EventFilter filter, Action<string> notice)
{
    /// <summary>The node's notice that events since the last id are lost (docs/api.md).</summary>
    public const string GapKind = "gap";

    private string? _lastEventId;

    public static readonly TimeSpan ReconnectDelay = TimeSpan.FromSeconds(2);

    /// <summary>The node sends a keep-alive comment every 15 s: three missed mean the stream is dead.</summary>
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(45);

    /// <summary>Waits for the first connection; then <see cref="Following"/> completes when cancelled.</summary>
    public async Task StartAsync(Func<ServerSentEvent, ValueTask> onEvent, CancellationToken ct)
    {
        var first = await node.OpenStreamAsync(NodeQueries.EventsPathFor(filter), ct);
        Following = FollowAsync(first, onEvent, ct);
    }

    public Task Following { get; private set; } = Task.CompletedTask;

    /// <summary>True when the failure says the node serves no event stream (an older node): worth falling back to polling.</summary>
    public static bool IsMissingEndpoint(NodeAnswerException e) => e.Status is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed;

    private async Task FollowAsync(HttpResponseMessage first, Func<ServerSentEvent, ValueTask> onEvent, CancellationToken ct)
    {
        var response = first;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                using (response)
                {
                    await using var stream = await response.Content.ReadAsStreamAsync(ct);
                    using var reader = new StreamReader(stream);
                    await foreach (var e in ServerSentEventReader.ReadAsync(reader, IdleTimeout, ct))
                    {
                        _lastEventId = e.Id ?? _lastEventId;
                        if (e.Kind == GapKind) notice($"the node at {node.Url} no longer had every event since the stream was lost: some are missing");
                        else await onEvent(e);
                    }
                }
                notice($"the node at {node.Url} closed the event stream; reconnecting");
            }
            catch (IOException e) when (!ct.IsCancellationRequested)
            {
                notice($"lost the event stream from {node.Url} ({e.Message}); reconnecting");
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { return; }

            response = await ReconnectAsync(ct);
            if (response is null) return;
            notice($"following the events of {node.Url} again");
        }
    }

    private async Task<HttpResponseMessage?> ReconnectAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(ReconnectDelay, ct);
                return await node.OpenStreamAsync(NodeQueries.EventsPathFor(filter), ct, _lastEventId);
            }
            catch (Exception e) when (e is NodeUnreachableException or NodeAnswerException) { /* still down: try again */ }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
        }
        return null;
    }
}

using SolarHub.ConfigStore;
using SolarHub.Database;

namespace SolarHub.Node.Api;

/// <summary>How the node's HTTP API is set up.</summary>
public sealed record ApiOptions
{
    /// <summary>The configuration store's database, when the node has one (health checks it; enable/disable go through it).</summary>
    public ConfigDatabase? Database { get; init; }

    /// <summary>
    /// Bearer token for state-changing endpoints (e.g. from <c>--api-token-file</c>). When null, the environment variable
    /// <c>SOLARHUB_API_TOKEN</c>, then HOCON <c>solarhub.api.token</c> apply; with none, those endpoints are off (403).
    /// </summary>
    public string? Token { get; init; }

    /// <summary>Interval of the <c>: keep-alive</c> comments on <c>GET /api/events</c>.</summary>
    public TimeSpan EventStreamKeepAlive { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Events buffered per <c>GET /api/events</c> client; a slower client loses the oldest.</summary>
    public int EventStreamBuffer { get; init; } = 1024;

    /// <summary>
    /// Events the node keeps (all banks and kinds) for <c>GET /api/events</c> clients that reconnect with
    /// <c>Last-Event-ID</c>: at a pack frame a second per pack, some four minutes of a 16-pack bank.
    /// </summary>
    public int EventReplayBuffer { get; init; } = 4096;

    /// <summary>The reconnection time <c>GET /api/events</c> tells its clients (the SSE <c>retry:</c> field).</summary>
    public TimeSpan EventStreamRetry { get; init; } = TimeSpan.FromSeconds(3);
}

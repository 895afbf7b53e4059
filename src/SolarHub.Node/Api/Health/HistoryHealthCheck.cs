using Akka.Actor;
using Akka.Hosting;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using SolarHub.History.Hosting;
using SolarHub.History.Recording;

namespace SolarHub.Node.Api.Health;

/// <summary>
/// The history writer: Degraded, not Unhealthy, while its writes fail, because telemetry still flows and the samples
/// wait in its bounded buffer; the data says how many wait and how many were dropped.
/// </summary>
public sealed class HistoryHealthCheck(ActorSystem system) : IHealthCheck
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        if (!ActorRegistry.For(system).TryGet<HistoryKey>(out var writer))
            return HealthCheckResult.Healthy("this node records no history");

        HistoryStatus status;
        try { status = await writer.Ask<HistoryStatus>(GetHistoryStatus.Instance, Timeout, ct); }
        catch (AskTimeoutException) { return HealthCheckResult.Degraded($"the history writer did not answer within {Timeout.TotalSeconds:0} s"); }

        var data = new Dictionary<string, object>
        {
            ["buffered"] = status.Buffered,
            ["bufferLimit"] = status.BufferLimit,
            ["written"] = status.Written,
            ["droppedTotal"] = status.DroppedTotal,
        };
        if (status.LastWriteAt is { } at) data["lastWriteAt"] = at;
        if (status.LastError is { } error) data["lastError"] = error;
        if (status.FailingSince is { } since)
            return HealthCheckResult.Degraded($"history writes fail since {since:u}; {status.Buffered} sample(s) wait", data: data);
        // "writing" only once a write went through: before the first one (or on a node with no banks) nothing says the
        // database takes writes, and a read-only one shows only when the first batch fails.
        if (status.LastWriteAt is null)
            return HealthCheckResult.Healthy($"no sample written yet; {status.Buffered} sample(s) wait for the first write", data);
        return HealthCheckResult.Healthy(status.DroppedTotal > 0 ? $"writing; {status.DroppedTotal} sample(s) were dropped during an outage" : "writing", data);
    }
}

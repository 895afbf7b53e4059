using Akka.Actor;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace SolarHub.Cli.Api.Health;

/// <summary>Liveness: the actor system runs and is not shutting down.</summary>
public sealed class ActorSystemHealthCheck(ActorSystem system) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        var data = new Dictionary<string, object>
        {
            ["name"] = system.Name,
            ["uptimeSeconds"] = Math.Round((double)system.Uptime.TotalSeconds, 1),
        };
        return Task.FromResult(system.WhenTerminated.IsCompleted || CoordinatedShutdown.Get(system).ShutdownReason is not null
            ? HealthCheckResult.Unhealthy("the actor system is terminating", data: data)
            : HealthCheckResult.Healthy("the actor system is up", data));
    }
}

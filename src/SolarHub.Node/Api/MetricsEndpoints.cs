using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Prometheus;
using SolarHub.Node.Api.Metrics;

namespace SolarHub.Node.Api;

/// <summary><c>GET /metrics</c>: Prometheus text exposition of <see cref="SolarHubMetrics"/> (docs/metrics.md).</summary>
public static class MetricsEndpoints
{
    public static IEndpointRouteBuilder MapMetricsEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapMetrics("/metrics", app.ServiceProvider.GetRequiredService<SolarHubMetrics>().Registry).WithMetadata(ApiErrors.ReadOnly);
        return app;
    }
}

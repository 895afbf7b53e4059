using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using SolarHub.Node.Api.Health;

namespace SolarHub.Node.Api;

/// <summary>
/// <c>GET /health</c>: ASP.NET Core health checks (actor system, database, banks, and whatever else registers one with
/// <c>services.AddHealthChecks().AddCheck&lt;T&gt;("name")</c>), answered as JSON: 200 when Healthy or Degraded, 503 when Unhealthy.
/// </summary>
public static class HealthEndpoints
{
    /// <summary>Checks of <c>GET /health/live</c>: is the process worth keeping (a supervisor restarts it when not).</summary>
    public const string LiveTag = "live";

    /// <summary>Checks of <c>GET /health/ready</c>: does the node deliver (database, banks, history).</summary>
    public const string ReadyTag = "ready";

    public static IHealthChecksBuilder AddSolarHubHealthChecks(this IServiceCollection services) =>
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: [ReadyTag])
            .AddCheck<BanksHealthCheck>("banks", tags: [ReadyTag])
            .AddCheck<HistoryHealthCheck>("history", tags: [ReadyTag]);

    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        // Reads only: PUT or POST /health is a 405, not a health report.
        app.MapHealthChecks("/health", Answer(_ => true)).WithMetadata(ApiErrors.ReadOnly);
        app.MapHealthChecks("/health/live", Answer(check => check.Tags.Contains(LiveTag))).WithMetadata(ApiErrors.ReadOnly);
        app.MapHealthChecks("/health/ready", Answer(check => check.Tags.Contains(ReadyTag))).WithMetadata(ApiErrors.ReadOnly);
        return app;
    }

    private static HealthCheckOptions Answer(Func<HealthCheckRegistration, bool> checks) => new()
    {
        Predicate = checks,
        ResultStatusCodes =
        {
            [HealthStatus.Healthy] = StatusCodes.Status200OK,
            [HealthStatus.Degraded] = StatusCodes.Status200OK,
            [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
        },
        ResponseWriter = WriteAsync,
    };

    private static Task WriteAsync(HttpContext http, HealthReport report)
    {
        var json = http.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var body = new
        {
            status = report.Status.ToString(),
            totalDurationMs = Math.Round(report.TotalDuration.TotalMilliseconds, 1),
            checks = report.Entries.ToDictionary(e => e.Key, e => new
            {
                status = e.Value.Status.ToString(),
                description = e.Value.Description,
                durationMs = Math.Round(e.Value.Duration.TotalMilliseconds, 1),
                data = e.Value.Data,
                error = e.Value.Exception?.Message,
            }),
        };
        http.Response.ContentType = "application/json; charset=utf-8";
        return JsonSerializer.SerializeAsync(http.Response.Body, body, json, http.RequestAborted);
    }
}

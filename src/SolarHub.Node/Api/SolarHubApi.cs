using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using SolarHub.Node.Api.Actors;
using SolarHub.Node.Api.Events;
using SolarHub.Node.Api.Metrics;

namespace SolarHub.Node.Api;

/// <summary>The node's HTTP API in two calls: <see cref="AddSolarHubApi"/> on the services, <see cref="MapSolarHubApi"/> on the app (docs/api.md).</summary>
public static class SolarHubApi
{
    public static IServiceCollection AddSolarHubApi(this IServiceCollection services, ApiOptions options)
    {
        services.AddSingleton(options);
        services.AddSingleton<ApiToken>();
        services.AddSingleton<BankSnapshots>();
        services.AddSingleton<ActorTrees>();
        services.AddSingleton<JsonEventFormat>();
        services.AddSingleton(new RecentEvents(options.EventReplayBuffer));
        services.AddSingleton<SolarHubMetrics>();
        services.AddSolarHubHealthChecks();
        return services;
    }

    public static IEndpointRouteBuilder MapSolarHubApi(this IEndpointRouteBuilder app)
    {
        app.MapHealthEndpoints().MapMetricsEndpoints();
        var api = app.MapGroup("").AddEndpointFilter<ActorTimeoutFilter>();
        api.MapBankEndpoints()
            .MapActorEndpoints()
            .MapEventStreamEndpoints()
            .MapAdapterControlEndpoints()
            .MapClusterEndpoints()
            .MapAlertEndpoints();
        return app;
    }
}

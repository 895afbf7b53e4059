using System.Text.Json.Serialization;
using Akka.Actor;
using Akka.Cluster.Hosting;
using Akka.Configuration;
using Akka.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using SolarHub.Cluster.Hosting;
using SolarHub.Cluster.Membership;
using SolarHub.ConfigStore;
using SolarHub.ConfigStore.StartCopy;
using SolarHub.Core.Alerts;
using SolarHub.Core.Configuration;
using SolarHub.Core.Hosting;
using SolarHub.Dashboard;
using SolarHub.History.Hosting;
using SolarHub.Mqtt.Hosting;
using SolarHub.Node.Api;
using SolarHub.Node.Api.Actors;
using SolarHub.Node.Api.Cluster;
using SolarHub.Node.Api.Events;
using LogLevel = Microsoft.Extensions.Logging.LogLevel;

namespace SolarHub.Node.Hosting;

/// <summary>
/// The whole SolarHub node in an ASP.NET Core application: <see cref="AddSolarHubNode"/> on the services,
/// <see cref="MapSolarHubNode"/> on the app. An application with an actor system of its own calls
/// <see cref="AddSolarHubNodeApi"/> and, inside its own <c>AddAkka</c>, <see cref="WithSolarHubNode"/> instead.
/// </summary>
public static class SolarHubNodeHosting
{
    /// <summary>The log category of ASP.NET Core's health checks, quieted below Critical (see <see cref="AddSolarHubNodeApi"/>).</summary>
    public const string HealthCheckLogCategory = "Microsoft.Extensions.Diagnostics.HealthChecks";

    /// <summary>The API's defaults: solarhub.node.conf, embedded in this assembly.</summary>
    public static Config NodeDefaults { get; } = EmbeddedHocon.Load(typeof(SolarHubNodeHosting).Assembly, "solarhub.node.conf");

    /// <summary>The node's services and its actor system (named <paramref name="actorSystemName"/>); <paramref name="configureAkka"/> adds the application's own parts.</summary>
    public static IServiceCollection AddSolarHubNode(this IServiceCollection services, SolarHubNodeOptions node,
        Action<AkkaConfigurationBuilder>? configureAkka = null, string actorSystemName = "solarhub")
    {
        services.AddSolarHubNodeApi(node);
        return services.AddAkka(actorSystemName, akka =>
        {
            akka.WithSolarHubNode(node);
            configureAkka?.Invoke(akka);
        });
    }

    /// <summary>The HTTP API's services (health checks, metrics, event streams, JSON as the API writes it).</summary>
    public static IServiceCollection AddSolarHubNodeApi(this IServiceCollection services, SolarHubNodeOptions node)
    {
        // ASP.NET logs every failing check of every /health request: a monitoring probe would fill the log while a
        // gateway is down. The banks, the store and the history log their own state changes; the probe gets the report.
        services.AddLogging(logging => logging.AddFilter(HealthCheckLogCategory, LogLevel.Critical));
        services.ConfigureHttpJsonOptions(o => ApiJson.Configure(o.SerializerOptions));
        // What the dashboard's page needs to know of this node, from the actor system's HOCON (the node's own settings
        // included), read at the dashboard's first request; an application's own registration wins.
        services.TryAddSingleton(provider => DashboardOptionsOf(provider.GetRequiredService<ActorSystem>().Settings.Config, node));
        return services.AddSolarHubApi(node.Api with { Database = node.Database });
    }

    private static DashboardOptions DashboardOptionsOf(Config config, SolarHubNodeOptions node)
    {
        var common = BankTimings.FromConfig(config.WithFallback(SolarHubConfig.Defaults).GetConfig("solarhub.bank")).PackStaleAfter;
        IEnumerable<string> banks = config.HasPath("solarhub.banks") ? config.GetConfig("solarhub.banks").Root.GetObject().Items.Keys : [];
        return new DashboardOptions
        {
            PackStaleAfter = common,
            PackStaleAfterByBank = banks
                .Select(bank => (bank, staleAfter: SolarHubConfig.TimingsFor(config, bank).PackStaleAfter))
                .Where(b => b.staleAfter != common)
                .ToDictionary(b => b.bank, b => b.staleAfter),
            Clustered = node.Cluster is not null,
            History = node.Database is not null,
        };
    }

    /// <summary>
    /// The node's actors in an actor system: with a database, the configuration store (the banks and the MQTT output
    /// follow it) and the history; without one, <see cref="SolarHubNodeOptions.Config"/> as it is; with
    /// <see cref="SolarHubNodeOptions.Cluster"/>, the banks as a cluster's sharded entities. Akka.Hosting's liveness check
    /// joins the node's health checks.
    /// </summary>
    public static AkkaConfigurationBuilder WithSolarHubNode(this AkkaConfigurationBuilder akka, SolarHubNodeOptions node)
    {
        bool stored = node.Database is not null;
        if (node.Cluster is not null && !stored)
            throw new ArgumentException("a clustered node needs the configuration database its nodes share (SolarHubNodeOptions.Database)", nameof(node));
        akka.AddHocon(NodeDefaults, HoconAddMode.Append);
        akka.WithActorSystemLivenessCheck(tags: [HealthEndpoints.LiveTag]);
        if (node.Cluster is not null) akka.WithClusterConfigStore(node.Database!, node.Cluster.Node);
        else if (stored)
        {
            akka.WithSolarHubConfigStore(node.Database!, followJournal: true, restOn: node.StartCopy);
            // What the next start runs before the store has recovered (solarhub run; a cluster's banks wait for the cluster).
            if (ConfigStartCopy.PathFor(node.Database!) is { } copy)
                akka.WithActors((system, registry) =>
                    system.ActorOf(ConfigStartCopyWriter.Props(node.Database!, copy, registry.Get<ConfigStoreKey>(), onDisk: node.StartCopy?.Version ?? 0), "solarhub-config-start-copy"));
        }
        if (node.Cluster is { } cluster)
        {
            akka.WithSolarHubCluster(cluster, node.Transports);
            // Answers GET /api/actors?node= asked on another node.
            akka.WithActors((system, _, resolver) =>
                system.ActorOf(ActorTreeService.Props(cluster.Node, resolver.GetService<ActorTrees>()), ActorTreeService.Name));
        }
        else akka.WithSolarHub(node.Config, node.Transports, followConfigChanges: stored);
        if (stored) akka.WithSolarHubHistory(node.Database!);
        // Each node judges the rules on its own banks' telemetry (on a cluster node, the banks it runs, and it gathers
        // every member's alerts when asked for all of them).
        akka.WithSolarHubAlerts(node.Config, followConfigChanges: stored, gatheredElsewhere: node.Cluster is not null);
        if (node.Cluster is not null)
            akka.WithActors((system, registry) =>
                registry.Register<AllAlertsKey>(system.ActorOf(ClusterAlerts.Props(registry.Get<AlertWatcherKey>()), ClusterAlerts.Name)));
        if (node.Cluster is null) akka.WithSolarHubMqtt(node.Config, followConfigChanges: stored);
        else
        {
            // Once per cluster, fed by this node's banks and the others' (relayed): one publication per reading, and every
            // bank's availability from a view of all of them. It moves to the oldest node left when its node is lost.
            // No proxy: nothing sends to the bridge (it follows the event stream and the store), and an idle proxy only
            // logs that it has not found the singleton yet while the cluster forms.
            akka.WithSingleton<MqttBridgeKey>(MqttHostingExtensions.BridgeName, MqttHostingExtensions.BridgeProps(node.Config, followConfigChanges: true),
                new ClusterSingletonOptions { Role = NodeNames.NodeRole }, createProxyToo: false);
        }
        // Numbers the events of GET /api/events and keeps the recent ones, before the first client asks.
        akka.WithActors((system, _, resolver) => RecentEventsRecorder.Start(system, resolver.GetService<RecentEvents>(), node.Cluster?.Node));
        return akka;
    }

    /// <summary>
    /// Every endpoint of the node: <c>/health</c>, <c>/metrics</c>, <c>/api/...</c> (docs/api.md), the dashboard at <c>/</c>
    /// (docs/dashboard.md); on a
    /// <see cref="WebApplication"/>, also <c>{"error":...}</c> bodies for the empty 404s and 405s of routing.
    /// </summary>
    public static IEndpointRouteBuilder MapSolarHubNode(this IEndpointRouteBuilder app)
    {
        if (app is IApplicationBuilder pipeline) pipeline.UseApiErrorBodies();
        app.MapSolarHubApi();
        app.MapHistoryEndpoints();
        app.MapEnergyEndpoints();
        app.MapSolarHubDashboard();
        return app;
    }
}

using Akka.Hosting;
using SolarHub.Configuration;

namespace SolarHub.Core.Alerts;

/// <summary>Marker for the <see cref="AlertWatcher"/> in Akka.Hosting's ActorRegistry.</summary>
public sealed class AlertWatcherKey;

/// <summary>
/// Marker for the actor that answers <see cref="GetAlerts"/> for every bank there is (<c>GET /api/alerts</c>, the MQTT
/// bridge's start): the <see cref="AlertWatcher"/> itself on a node of its own; on a cluster node, the node's gatherer of
/// every member's alerts, as each node judges only the banks it runs.
/// </summary>
public sealed class AllAlertsKey;

public static class AlertHostingExtensions
{
    public const string WatcherName = "solarhub-alerts";

    /// <summary>
    /// Judges the alert rules of <paramref name="config"/> (<see cref="HubConfig.Alerts"/>; none: the built-in rules) on the
    /// banks of this actor system: an <see cref="AlertWatcher"/> at <c>/user/solarhub-alerts</c>, registered as <see cref="AlertWatcherKey"/>.
    /// </summary>
    /// <param name="followConfigChanges">Also follow <see cref="HubConfigChanged"/> (the configuration store): changes apply live.</param>
    /// <param name="gatheredElsewhere">True on a cluster node, which registers its own <see cref="AllAlertsKey"/>; otherwise the watcher is that too.</param>
    public static AkkaConfigurationBuilder WithSolarHubAlerts(this AkkaConfigurationBuilder builder, HubConfig config, bool followConfigChanges = false,
        bool gatheredElsewhere = false) =>
        builder.WithActors((system, registry) =>
        {
            var watcher = system.ActorOf(AlertWatcher.Props(config, followConfigChanges), WatcherName);
            registry.Register<AlertWatcherKey>(watcher);
            if (!gatheredElsewhere) registry.Register<AllAlertsKey>(watcher);
        });
}

using Akka.Hosting;
using SolarHub.Configuration;

namespace SolarHub.Core.Alerts;

/// <summary>Marker for the <see cref="AlertWatcher"/> in Akka.Hosting's ActorRegistry.</summary>
public sealed class AlertWatcherKey;

public static class AlertHostingExtensions
{
    public const string WatcherName = "solarhub-alerts";

    /// <summary>
    /// Judges the alert rules of <paramref name="config"/> (<see cref="HubConfig.Alerts"/>; none: the built-in rules) on the
    /// banks of this actor system: an <see cref="AlertWatcher"/> at <c>/user/solarhub-alerts</c>, registered as <see cref="AlertWatcherKey"/>.
    /// </summary>
    /// <param name="followConfigChanges">Also follow <see cref="HubConfigChanged"/> (the configuration store): changes apply live.</param>
    public static AkkaConfigurationBuilder WithSolarHubAlerts(this AkkaConfigurationBuilder builder, HubConfig config, bool followConfigChanges = false) =>
        builder.WithActors((system, registry) =>
            registry.Register<AlertWatcherKey>(system.ActorOf(AlertWatcher.Props(config, followConfigChanges), WatcherName)));
}

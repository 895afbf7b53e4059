using Akka.Hosting;
using Akka.Persistence.Sql.Hosting;

namespace SolarHub.ConfigStore;

/// <summary>Marker for the configuration store in Akka.Hosting's ActorRegistry.</summary>
public sealed class ConfigStoreKey;

public static class ConfigStoreHosting
{
    /// <summary>
    /// Stores the configuration in <paramref name="database"/> (tables created automatically) and starts the
    /// <see cref="HubConfigStore"/> under a <see cref="ConfigStoreSupervisor"/>, registered as <see cref="ConfigStoreKey"/>.
    /// <paramref name="followJournal"/>: a running node reloads when another process changes the configuration.
    /// </summary>
    public static AkkaConfigurationBuilder WithSolarHubConfigStore(this AkkaConfigurationBuilder builder, ConfigDatabase database, bool followJournal)
    {
        builder.WithSqlPersistence(database.ConnectionString, database.ProviderName, autoInitialize: true);
        builder.WithCustomSerializer("solarhub-config", [typeof(ConfigChangeSet), typeof(SolarHub.Configuration.HubConfig)], system => new ConfigStoreSerializer(system));
        // Other clients' changes reach a running node within a second.
        builder.AddHocon("akka.persistence.query.journal.sql.refresh-interval = 200ms", HoconAddMode.Prepend);
        return builder.WithActors((system, registry) =>
            registry.Register<ConfigStoreKey>(system.ActorOf(ConfigStoreSupervisor.Props(followJournal), "solarhub-config")));
    }
}

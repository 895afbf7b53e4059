using Akka.Actor;
using Akka.Hosting;
using Akka.Persistence.Sql.Hosting;
using SolarHub.Configuration;
using SolarHub.Database;

namespace SolarHub.ConfigStore;

/// <summary>Marker for the configuration store in Akka.Hosting's ActorRegistry.</summary>
public sealed class ConfigStoreKey;

public static class ConfigStoreHosting
{
    /// <summary>
    /// Stores the configuration in <paramref name="database"/> (tables created automatically) and starts the
    /// <see cref="HubConfigStore"/> under a <see cref="ConfigStoreSupervisor"/>, registered as <see cref="ConfigStoreKey"/>.
    /// <paramref name="followJournal"/>: a running node reloads when another process changes the configuration.
    /// <paramref name="writer"/> (a clustered node): the cluster's one writer, found when the actors start; this node's own
    /// store then only follows the journal and answers reads, and <see cref="ConfigStoreKey"/> is a
    /// <see cref="ConfigWriteRouter"/> that sends writes to the writer.
    /// <paramref name="restOn"/> (with <paramref name="followJournal"/>): the database's start copy, current when read; the
    /// store answers from it and loads the journal only for a change (<see cref="StartCopy.RestingConfigStore"/>).
    /// </summary>
    public static AkkaConfigurationBuilder WithSolarHubConfigStore(this AkkaConfigurationBuilder builder, ConfigDatabase database, bool followJournal,
        Func<IActorRegistry, IActorRef>? writer = null, StartCopy.ConfigStartCopy? restOn = null)
    {
        builder.WithSqlPersistence(database.ConnectionString, database.IsPostgres ? LinqToDB.ProviderName.PostgreSQL : LinqToDB.ProviderName.SQLiteMS, autoInitialize: true);
        builder.WithCustomSerializer("solarhub-config", [typeof(ConfigChangeSet), typeof(SolarHub.Configuration.HubConfig)], system => new ConfigStoreSerializer(system));
        builder.WithCustomSerializer("solarhub-config-messages", ConfigStoreMessageSerializer.Types, system => new ConfigStoreMessageSerializer(system));
        // Several processes (nodes, the CLI) write this journal in turn, each with its own writer id; the journal's unique
        // (persistence id, sequence number) already keeps them from overlapping. The default replay filter takes a
        // writer that comes back after another for a stale duplicate and drops its events on recovery, which lost
        // acknowledged changes, so it is off.
        builder.AddHocon("akka.persistence.journal.sql.replay-filter.mode = off", HoconAddMode.Prepend);
        return builder.WithActors((system, registry) =>
        {
            var store = system.ActorOf(ConfigStoreSupervisor.Props(followJournal, database, restOn), "solarhub-config");
            registry.Register<ConfigStoreKey>(writer is null ? store
                : system.ActorOf(ConfigWriteRouter.Props(writer(registry), store), "solarhub-config-router"));
            // The banks and the MQTT output ask it for the current configuration when they start.
            registry.Register<HubConfigSourceKey>(store);
        });
    }
}

using SolarHub.Cluster.Hosting;
using SolarHub.Configuration;
using SolarHub.Core.Adapters.Transports;
using SolarHub.Database;
using SolarHub.Node.Api;

namespace SolarHub.Node.Hosting;

/// <summary>What a node runs: the stored configuration of a database, or a fixed one.</summary>
public sealed record SolarHubNodeOptions
{
    /// <summary>
    /// The database holding the configuration (changes apply live) and the history. Null: the node runs
    /// <see cref="Config"/> as it is, with no store and no history.
    /// </summary>
    public ConfigDatabase? Database { get; init; }

    /// <summary>
    /// The banks and MQTT output to run when there is no <see cref="Database"/> (e.g. a legacy config.yaml); with one, what
    /// runs until the store has recovered (<c>solarhub run</c> gives its <see cref="ConfigStore.StartCopy.ConfigStartCopy"/>), then the store's configuration.
    /// </summary>
    public HubConfig Config { get; init; } = HubConfig.Empty;

    /// <summary>
    /// The <see cref="Database"/>'s start copy when its version is the journal's latest (a single node's SQLite database):
    /// the configuration store rests on it and loads the journal only when the configuration changes. Null: the store
    /// recovers from the journal at start.
    /// </summary>
    public ConfigStore.StartCopy.ConfigStartCopy? StartCopy { get; init; }

    /// <summary>HTTP API settings (token, event stream).</summary>
    public ApiOptions Api { get; init; } = new();

    /// <summary>
    /// Joins a cluster of nodes sharing <see cref="Database"/> (docs/cluster.md): banks then run as sharded entities and
    /// adapters on the node they name. Null: a single node.
    /// </summary>
    public SolarHubClusterOptions? Cluster { get; init; }

    /// <summary>How adapters open their transports; null: the built-in TCP and serial transports.</summary>
    public Func<TransportSettings, IBusTransport>? Transports { get; init; }
}

using Akka.Actor;
using Akka.Cluster.Hosting;
using Akka.Cluster.Hosting.SBR;
using Akka.Cluster.Sharding;
using Akka.Configuration;
using Akka.Hosting;
using Akka.Remote.Hosting;
using SolarHub.Cluster.Adapters;
using SolarHub.Cluster.Banks;
using SolarHub.Cluster.Membership;
using SolarHub.Configuration;
using SolarHub.Core.Adapters.Transports;
using SolarHub.Core.Configuration;
using SolarHub.Core.Hosting;

namespace SolarHub.Cluster.Hosting;

/// <summary>Marker for the banks' shard region in Akka.Hosting's ActorRegistry.</summary>
public sealed class BankRegionKey;

public static class SolarHubClusterHosting
{
    /// <summary>The cluster's defaults: solarhub.cluster.conf, embedded in this assembly.</summary>
    public static Config ClusterDefaults { get; } = EmbeddedHocon.Load(typeof(SolarHubClusterHosting).Assembly, "solarhub.cluster.conf");

    /// <summary>The shard region's type name: banks are found cluster-wide under it.</summary>
    public const string BankTypeName = "bank";

    /// <summary>
    /// Hosts SolarHub's banks in a cluster instead of <see cref="SolarHubHostingExtensions.WithSolarHub"/>: remoting on
    /// <see cref="SolarHubClusterOptions.Remoting"/>, membership through the seeds with the keep-majority split brain
    /// resolver, each bank a sharded entity, and this node's <see cref="AdapterHost"/> for the adapters attached here.
    /// The configuration must come from a store that every node follows (the banks read it where they run).
    /// </summary>
    public static AkkaConfigurationBuilder WithSolarHubCluster(this AkkaConfigurationBuilder akka, SolarHubClusterOptions cluster,
        Func<TransportSettings, IBusTransport>? transports = null)
    {
        akka.AddHocon(ClusterDefaults, HoconAddMode.Append);
        akka.AddHocon(SolarHubConfig.Defaults, HoconAddMode.Append);
        akka.WithRemoting(new RemoteOptions
        {
            HostName = cluster.Remoting.Host,
            Port = cluster.Remoting.Port,
            PublicHostName = cluster.PublicHost,
        });
        akka.WithClustering(new ClusterOptions
        {
            Roles = [NodeNames.NodeRole, NodeNames.RoleOf(cluster.Node)],
            SeedNodes = cluster.Seeds.Select(s => new Address("akka.tcp", cluster.SystemName, s.Host, s.Port).ToString()).ToArray(),
            SplitBrainResolver = new KeepMajorityOption(),
        });
        akka.WithShardRegion<BankRegionKey>(BankTypeName, (system, _) =>
        {
            var settings = system.Settings.Config;
            var placement = new ClusterAdapterPlacement(cluster.Node, settings.GetTimeSpan("solarhub.cluster.remote-adapter-retry"));
            var adapterSettings = SolarHubConfig.AdapterSettingsFrom(settings);
            return bankId => BankEntity.Props(bankId, SolarHubConfig.TimingsFor(settings, bankId), adapterSettings, transports, placement);
        }, new BankMessageExtractor(), new ShardOptions
        {
            Role = NodeNames.NodeRole,
            StateStoreMode = StateStoreMode.DData,
            RememberEntities = false,
            ShouldPassivateIdleEntities = false,
        });
        return akka.WithActors((system, registry) =>
        {
            system.ActorOf(AdapterHost.Props(transports), AdapterHost.Name);
            var region = registry.Get<BankRegionKey>();
            var keepAlive = system.Settings.Config.GetTimeSpan("solarhub.cluster.bank-keepalive-interval");
            registry.Register<BankRegistryKey>(system.ActorOf(ClusterBankRegistry.Props(region, keepAlive), "solarhub-banks"));
        });
    }
}

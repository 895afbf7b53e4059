using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Akka.Actor;
using Akka.Cluster.Hosting;
using Akka.Cluster.Hosting.SBR;
using Akka.Cluster.Sharding;
using Akka.Cluster.Tools.PublishSubscribe;
using Akka.Configuration;
using Akka.Event;
using Akka.Hosting;
using Akka.Remote.Hosting;
using Akka.Remote.Transport.DotNetty;
using SolarHub.Cluster.Adapters;
using SolarHub.Cluster.Banks;
using SolarHub.Cluster.Events;
using SolarHub.Cluster.Membership;
using SolarHub.Configuration;
using SolarHub.Core.Adapters.Transports;
using SolarHub.Core.Configuration;
using SolarHub.Core.Hosting;
using SolarHub.Core.Wire;

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
    /// Remoting on <see cref="SolarHubClusterOptions.Remoting"/>; with <see cref="SolarHubClusterOptions.Tls"/>, over TLS with
    /// mutual authentication (each side presents its certificate and checks the other's), the host name not compared.
    /// </summary>
    public static RemoteOptions RemoteOptionsFor(SolarHubClusterOptions cluster)
    {
        var options = new RemoteOptions
        {
            HostName = cluster.Remoting.Host,
            Port = cluster.Remoting.Port,
            PublicHostName = cluster.PublicHost,
        };
        if (cluster.Tls is { } tls)
        {
            options.EnableSsl = true;
            options.Ssl = new SslOptions
            {
                X509Certificate = tls.Certificate,
                SuppressValidation = false,
                RequireMutualAuthentication = true,
                ValidateCertificateHostname = false,
                CustomValidator = tls.Trust == RemotingTrust.Shared ? SameCertificate(tls.Certificate) : null,
            };
        }
        return options;
    }

    /// <summary>
    /// Accepts a peer whose certificate is this node's own (same SHA-256 thumbprint); the TLS handshake has proved the
    /// peer holds its private key. Any other certificate, even one the system trusts, is refused.
    /// </summary>
    private static CertificateValidationCallback SameCertificate(X509Certificate2 own)
    {
        byte[] expected = own.GetCertHash(HashAlgorithmName.SHA256);
        return (peer, _, remote, _, log) =>
        {
            if (peer is not null && CryptographicOperations.FixedTimeEquals(peer.GetCertHash(HashAlgorithmName.SHA256), expected)) return true;
            log.Warning("remoting: refused {0}: its TLS certificate ({1}) is not this site's shared certificate ({2})", remote,
                peer?.Subject ?? "none", own.Subject);
            return false;
        };
    }

    /// <summary>
    /// Hosts SolarHub's banks in a cluster instead of <see cref="SolarHubHostingExtensions.WithSolarHub"/>: remoting on
    /// <see cref="SolarHubClusterOptions.Remoting"/>, membership through the seeds with the keep-majority split brain
    /// resolver, each bank a sharded entity, this node's <see cref="AdapterHost"/> for the adapters attached here, and its
    /// <see cref="BankEventRelay"/>, which shows the bank events of every node on this node's event stream (wrapped).
    /// The configuration must come from a store that every node follows (the banks read it where they run).
    /// </summary>
    public static AkkaConfigurationBuilder WithSolarHubCluster(this AkkaConfigurationBuilder akka, SolarHubClusterOptions cluster,
        Func<TransportSettings, IBusTransport>? transports = null)
    {
        akka.AddHocon(ClusterDefaults, HoconAddMode.Append);
        akka.AddHocon(SolarHubConfig.Defaults, HoconAddMode.Append);
        // What crosses nodes travels as SolarHub's own JSON (WithSolarHub binds it on a single node, which never sends it).
        akka.WithCustomSerializer(WireSerializer.Name, WireTypes.All, system => new WireSerializer(system));
        akka.WithRemoting(RemoteOptionsFor(cluster));
        akka.WithClustering(new ClusterOptions
        {
            Roles = [NodeNames.NodeRole, NodeNames.RoleOf(cluster.Node)],
            SeedNodes = cluster.Seeds.Select(s => new Address(cluster.Protocol, cluster.SystemName, s.Host, s.Port).ToString()).ToArray(),
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
        akka.WithDistributedPubSub(NodeNames.NodeRole);
        return akka.WithActors((system, registry) =>
        {
            system.ActorOf(AdapterHost.Props(transports), AdapterHost.Name);
            system.ActorOf(BankEventRelay.Props(cluster.Node, DistributedPubSub.Get(system).Mediator), BankEventRelay.Name);
            var region = registry.Get<BankRegionKey>();
            var keepAlive = system.Settings.Config.GetTimeSpan("solarhub.cluster.bank-keepalive-interval");
            registry.Register<BankRegistryKey>(system.ActorOf(ClusterBankRegistry.Props(region, keepAlive), "solarhub-banks"));
        });
    }
}

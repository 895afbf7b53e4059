using Akka.Actor;
using Akka.Cluster.Sharding;
using SolarHub.Configuration;
using SolarHub.Core.Banks;
using SolarHub.Core.Hosting;

namespace SolarHub.Cluster.Banks;

/// <summary>
/// The bank registry of a clustered node (registered as <see cref="BankRegistryKey"/>, so the API does not change): it
/// follows the stored configuration and keeps every configured bank running somewhere by asking the shard region to
/// start it, at once on a change and every <c>bank-keepalive-interval</c> after (a bank whose node died runs again at
/// the first ask after its shard moved). Envelopes go through the region to wherever the bank runs.
/// </summary>
public sealed class ClusterBankRegistry : ReceiveActor, IWithTimers
{
    private sealed record KeepAlive;

    private readonly IActorRef _region;
    private HubConfig _config = HubConfig.Empty;
    private long _appliedVersion = -1;

    public ClusterBankRegistry(IActorRef region, TimeSpan keepAlive)
    {
        _region = region;
        Receive<HubConfigChanged>(m =>
        {
            if (m.Version <= _appliedVersion) return;
            _appliedVersion = m.Version;
            _config = m.Config;
            StartAll();
        });
        Receive<KeepAlive>(_ => StartAll());
        Receive<BankEnvelope>(e =>
        {
            if (_config.Banks.Any(b => b.Id == e.BankId)) _region.Forward(e);
            else Sender.Tell(new BankNotFound(e.BankId));
        });
        Receive<GetBankIds>(_ => Sender.Tell(new BankIds(_config.Banks.Select(b => b.Id).Order().ToList())));
        ReceiveAny(_ => { }); // the region's acknowledgements of StartEntity
        _keepAlive = keepAlive;
    }

    private readonly TimeSpan _keepAlive;

    public static Props Props(IActorRef region, TimeSpan keepAlive) => Akka.Actor.Props.Create(() => new ClusterBankRegistry(region, keepAlive));

    public ITimerScheduler Timers { get; set; } = null!;

    protected override void PreStart()
    {
        HubConfigFollowing.Start(Context);
        Timers.StartPeriodicTimer("keepalive", new KeepAlive(), _keepAlive);
    }

    private void StartAll()
    {
        foreach (var bank in _config.Banks) _region.Tell(new ShardRegion.StartEntity(bank.Id));
    }
}

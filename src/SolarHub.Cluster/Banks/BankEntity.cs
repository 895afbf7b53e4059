using Akka.Actor;
using Akka.Cluster.Sharding;
using SolarHub.Configuration;
using SolarHub.Core.Adapters;
using SolarHub.Core.Adapters.Transports;
using SolarHub.Core.Banks;
using SolarHub.Core.Configuration;
using SolarHub.Core.Hosting;
using SolarHub.Core.Telemetry;

namespace SolarHub.Cluster.Banks;

/// <summary>
/// A bank as a Cluster Sharding entity: sharding starts it by id on one node, and it takes its configuration from that
/// node's copy of the stored configuration (every node follows the journal), so nothing but an id has to travel to start
/// or move a bank. It runs the <see cref="BankSupervisor"/> as its child <c>bank</c> once its configuration is known
/// (holding messages until then), passes it every change, and passivates when the bank is no longer configured.
/// </summary>
public sealed class BankEntity : ReceiveActor, IWithStash
{
    private readonly string _bankId;
    private readonly Func<BankConfig, Props> _bankProps;
    private long _appliedVersion = -1;
    private IActorRef? _bank;
    private bool _ran;

    public BankEntity(string bankId, Func<BankConfig, Props> bankProps)
    {
        _bankId = bankId;
        _bankProps = bankProps;
        Receive<HubConfigChanged>(OnConfig);
        ReceiveAny(m =>
        {
            if (_bank is null) Stash.Stash();
            else _bank.Forward(m);
        });
    }

    public static Props Props(string bankId, BankTimings timings, AdapterSettings settings, Func<TransportSettings, IBusTransport>? transports, IAdapterPlacement placement) =>
        Akka.Actor.Props.Create(() => new BankEntity(bankId, bank => BankSupervisor.Props(bank, timings, settings, transports, placement)));

    public IStash Stash { get; set; } = null!;

    protected override void PreStart() => HubConfigFollowing.Start(Context);

    // Handed over, passivated or removed: either way this node no longer runs the bank (a removed bank's alerts have cleared
    // already, as the configuration that removed it reached the watcher before this entity could act on it).
    protected override void PostStop()
    {
        if (_ran) Context.System.EventStream.Publish(new BankLeftNode(_bankId));
    }

    private void OnConfig(HubConfigChanged m)
    {
        if (m.Version <= _appliedVersion) return;
        _appliedVersion = m.Version;
        var bank = m.Config.Banks.FirstOrDefault(b => b.Id == _bankId);
        if (bank is null)
        {
            // Removed (or not stored yet on this node): the registry asks again while it is configured anywhere.
            foreach (var held in Stash.ClearStash()) held.Sender.Tell(new BankNotFound(_bankId));
            Context.Parent.Tell(new Passivate(PoisonPill.Instance));
            if (_bank is not null) Context.Stop(_bank);
            _bank = null;
            return;
        }
        if (_bank is not null)
        {
            _bank.Tell(new ApplyBankConfig(bank));
            return;
        }
        _bank = Context.ActorOf(_bankProps(bank), "bank");
        _ran = true;
        Stash.UnstashAll();
    }
}

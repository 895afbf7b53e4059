using Akka.Actor;
using SolarHub.Cluster.Membership;
using SolarHub.Configuration;
using SolarHub.Core.Adapters;

namespace SolarHub.Cluster.Adapters;

/// <summary>
/// A bank's child for an adapter whose port is attached to another node: it has that node's <see cref="AdapterHost"/>
/// start the adapter there, forwards the bank's messages to it, and stops it when the bank stops this stand-in. The
/// adapter reports to the bank directly, so the bank judges it by its heartbeats exactly as a local one: when the node
/// dies, the heartbeats stop and the bank fails over at once, without waiting for the cluster to down the node.
/// While the adapter cannot be placed (its node is not up, or did not answer) the stand-in reports that to the bank as
/// a fault and tries again every <c>remote-adapter-retry</c>.
/// </summary>
public sealed class RemoteAdapterProxy : ReceiveActor, IWithTimers
{
    private sealed record Place;

    private static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(3);

    private readonly string _bankId;
    private readonly AdapterConfig _adapter;
    private readonly IReadOnlyList<PackConfig> _packs;
    private readonly IActorRef _bank;
    private readonly TimeSpan _retry;
    private readonly Akka.Cluster.Cluster _cluster = Akka.Cluster.Cluster.Get(Context.System);
    private bool _urgent;
    private int _attempt;
    private IActorRef? _remote;

    public RemoteAdapterProxy(string bankId, AdapterConfig adapter, IReadOnlyList<PackConfig> packs, IActorRef bank, bool urgent, TimeSpan retry)
    {
        _bankId = bankId;
        _adapter = adapter;
        _packs = packs;
        _bank = bank;
        _urgent = urgent;
        _retry = retry;

        Receive<Place>(_ => TryPlace());
        Receive<AdapterStartedHere>(OnStarted);
        Receive<Terminated>(t =>
        {
            if (!t.ActorRef.Equals(_remote)) return;
            _remote = null;
            Fault($"the adapter on node '{_adapter.Node}' stopped (its node left or is unreachable)");
        });
        Receive<RetryUrgency>(m =>
        {
            _urgent = m.Urgent;
            _remote?.Tell(m);
        });
        ReceiveAny(m => _remote?.Tell(m));
    }

    public static Props Props(string bankId, AdapterConfig adapter, IReadOnlyList<PackConfig> packs, IActorRef bank, bool urgent, TimeSpan retry) =>
        Akka.Actor.Props.Create(() => new RemoteAdapterProxy(bankId, adapter, packs, bank, urgent, retry));

    public ITimerScheduler Timers { get; set; } = null!;

    protected override void PreStart() => TryPlace();

    protected override void PostStop() => _remote?.Tell(PoisonPill.Instance);

    private void TryPlace()
    {
        if (_remote is not null) return;
        if (NodeNames.AddressOf(_cluster.State, _adapter.Node!) is not { } address)
        {
            Fault($"node '{_adapter.Node}' is not up in the cluster");
            return;
        }
        _attempt++;
        var host = Context.ActorSelection(new RootActorPath(address) / "user" / AdapterHost.Name);
        host.Tell(new StartAdapterHere(_bankId, _adapter, _packs, _bank, _urgent, _attempt));
        // No answer in time: try again (the node may have died between the membership and the ask).
        Timers.StartSingleTimer("place", new Place(), AnswerTimeout);
    }

    private void OnStarted(AdapterStartedHere m)
    {
        if (m.Attempt != _attempt || _remote is not null)
        {
            m.Adapter.Tell(PoisonPill.Instance); // a late answer to an attempt given up on: that copy must not run
            return;
        }
        Timers.Cancel("place");
        _remote = m.Adapter;
        Context.Watch(_remote);
    }

    private void Fault(string reason)
    {
        _bank.Tell(new AdapterFaulted(_adapter.Id, reason));
        Timers.StartSingleTimer("place", new Place(), _retry);
    }
}

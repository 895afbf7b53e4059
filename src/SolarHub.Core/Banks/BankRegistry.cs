using Akka.Actor;
using SolarHub.Configuration;
using SolarHub.Core.Adapters.Transports;
using SolarHub.Core.Configuration;
using SolarHub.Core.Hosting;

namespace SolarHub.Core.Banks;

/// <summary>
/// Runs one <see cref="BankSupervisor"/> per configured bank and routes <see cref="BankEnvelope"/>s to them by id,
/// the same contract a Cluster Sharding region offers, so callers do not change when banks are sharded.
/// With <c>followConfigChanges</c> it asks the configuration store for the current configuration when it starts and
/// follows <see cref="HubConfigChanged"/> on the event stream (<see cref="HubConfigFollowing"/>), applying each change
/// live: only the banks and adapters a change touches are affected.
/// </summary>
public sealed class BankRegistry : ReceiveActor
{
    private readonly Dictionary<string, IActorRef> _banks = new();
    private readonly Func<string, BankTimings> _timings;
    private readonly AdapterSettings _adapterSettings;
    private readonly Func<TransportSettings, IBusTransport>? _transports;

    private readonly bool _followConfigChanges;
    private long _appliedVersion = -1;

    public BankRegistry(HubConfig config, Func<string, BankTimings> timings, AdapterSettings adapterSettings,
        Func<TransportSettings, IBusTransport>? transports = null, bool followConfigChanges = false)
    {
        _followConfigChanges = followConfigChanges;
        _timings = timings;
        _adapterSettings = adapterSettings;
        _transports = transports;
        foreach (var bank in config.Banks) StartBank(bank);

        Receive<BankEnvelope>(envelope =>
        {
            if (_banks.TryGetValue(envelope.BankId, out var bank)) bank.Forward(envelope.Message);
            else Sender.Tell(new BankNotFound(envelope.BankId));
        });
        Receive<GetBankIds>(_ => Sender.Tell(new BankIds(_banks.Keys.Order().ToList())));
        Receive<ApplyHubConfig>(m => Apply(m.Config));
        Receive<HubConfigChanged>(m =>
        {
            if (m.Version <= _appliedVersion) return;
            _appliedVersion = m.Version;
            Apply(m.Config);
        });
    }

    protected override void PreStart()
    {
        if (_followConfigChanges) HubConfigFollowing.Start(Context);
    }

    public static Props Props(HubConfig config, Func<string, BankTimings> timings, AdapterSettings adapterSettings,
        Func<TransportSettings, IBusTransport>? transports = null, bool followConfigChanges = false) =>
        Akka.Actor.Props.Create(() => new BankRegistry(config, timings, adapterSettings, transports, followConfigChanges));

    private void Apply(HubConfig config)
    {
        foreach (var gone in _banks.Keys.Except(config.Banks.Select(b => b.Id)).ToList())
        {
            Context.Stop(_banks[gone]);
            _banks.Remove(gone);
        }
        foreach (var bank in config.Banks)
        {
            if (_banks.TryGetValue(bank.Id, out var running)) running.Tell(new ApplyBankConfig(bank));
            else StartBank(bank);
        }
    }

    private void StartBank(BankConfig bank) =>
        _banks[bank.Id] = Context.ActorOf(BankSupervisor.Props(bank, _timings(bank.Id), _adapterSettings, _transports), $"bank-{Uri.EscapeDataString(bank.Id)}");
}

/// <summary>Replaces the whole set of banks: new ones start, removed ones stop, the others get their new configuration.</summary>
public sealed record ApplyHubConfig(HubConfig Config);

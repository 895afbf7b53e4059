using Akka.Actor;
using SolarHub.Configuration;
using SolarHub.Core.Adapters;
using SolarHub.Core.Adapters.Transports;
using SolarHub.Core.Configuration;

namespace SolarHub.Cluster.Adapters;

/// <summary>
/// Runs, on this node, the adapters that banks on other nodes want here (their port is attached to this node). Each
/// runs under its own <see cref="ConnectionRestarter"/> and reports to its bank directly. One copy per adapter: a new
/// start for the same bank and adapter replaces the old one (a bank that moved asks again). An adapter whose stand-in
/// stops (the bank stopped it, or the bank's node died and was removed) is stopped too.
/// </summary>
public sealed class AdapterHost : ReceiveActor
{
    private sealed record Hosted(IActorRef Adapter, IActorRef Proxy);

    private readonly Dictionary<(string Bank, string Adapter), Hosted> _hosted = new();
    private readonly Func<TransportSettings, IBusTransport> _transports;
    private long _started;

    public AdapterHost(Func<TransportSettings, IBusTransport>? transports)
    {
        _transports = transports ?? BusTransports.For;
        Receive<StartAdapterHere>(Start);
        Receive<Terminated>(t => OnTerminated(t.ActorRef));
    }

    public static Props Props(Func<TransportSettings, IBusTransport>? transports) => Akka.Actor.Props.Create(() => new AdapterHost(transports));

    /// <summary>Its name under /user on every node, where a stand-in finds it.</summary>
    public const string Name = "solarhub-adapter-host";

    private void Start(StartAdapterHere m)
    {
        var key = (m.BankId, m.Adapter.Id);
        if (_hosted.Remove(key, out var old)) StopHosted(old);

        var settings = Context.System.Settings.Config;
        var props = AdapterPropsFactory.Create(m.Adapter, m.Packs, m.Bank, _transports(m.Adapter.Transport),
            SolarHubConfig.TimingsFor(settings, m.BankId), SolarHubConfig.AdapterSettingsFrom(settings), m.Urgent);
        var adapter = Context.ActorOf(props, $"{Uri.EscapeDataString(m.BankId)}-{Uri.EscapeDataString(m.Adapter.Id)}-{++_started}");
        Context.Watch(adapter);
        Context.Watch(Sender);
        _hosted[key] = new Hosted(adapter, Sender);
        Sender.Tell(new AdapterStartedHere(m.Attempt, adapter));
    }

    private void OnTerminated(IActorRef who)
    {
        foreach (var (key, hosted) in _hosted.Where(h => h.Value.Adapter.Equals(who) || h.Value.Proxy.Equals(who)).ToList())
        {
            _hosted.Remove(key);
            StopHosted(hosted);
        }
    }

    private void StopHosted(Hosted hosted)
    {
        Context.Unwatch(hosted.Adapter);
        Context.Stop(hosted.Adapter);
        if (!_hosted.Values.Any(h => h.Proxy.Equals(hosted.Proxy))) Context.Unwatch(hosted.Proxy);
    }
}

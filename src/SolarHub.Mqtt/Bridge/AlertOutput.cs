using SolarHub.Configuration;
using SolarHub.Configuration.Alerts;
using SolarHub.Core.Alerts;
using SolarHub.Mqtt.Connection;
using SolarHub.Mqtt.HomeAssistant;

namespace SolarHub.Mqtt.Bridge;

/// <summary>
/// The alert rules of the configured banks on MQTT: a problem binary sensor per enabled rule and bank
/// (<see cref="HaAlertDiscovery"/>), <c>ON</c> while any of its alerts (one per pack for a pack rule) is raised. Keeps
/// what is raised and what was said, so a flush sends only changes and a reconnect says everything again.
/// </summary>
internal sealed class AlertOutput
{
    private readonly Dictionary<(string Bank, AlertKind Kind), HashSet<byte?>> _raised = new();
    private readonly Dictionary<(string Bank, AlertKind Kind), bool> _said = new();
    private readonly HashSet<(string Bank, AlertKind Kind)> _discovered = new();
    private Dictionary<string, (string Name, IReadOnlyList<AlertKind> Kinds)> _banks = new(StringComparer.Ordinal);
    // Until the hub says what is raised, a state would be a guess: OFF for a sensor that is ON, then ON again.
    private bool _knowsWhatIsRaised;

    public void Raise(AlertRaised alert)
    {
        if (!_raised.TryGetValue((alert.BankId, alert.Kind), out var packs)) _raised[(alert.BankId, alert.Kind)] = packs = [];
        packs.Add(alert.Pack);
    }

    public void Clear(AlertCleared alert)
    {
        if (_raised.TryGetValue((alert.BankId, alert.Kind), out var packs)) packs.Remove(alert.Pack);
    }

    /// <summary>Everything raised now (the watcher's list when the bridge starts after it): states may be said from now on.</summary>
    public void Raised(IEnumerable<ActiveAlert> active)
    {
        foreach (var alert in active) Raise(new AlertRaised(alert.BankId, alert.Kind, alert.Pack, alert.Value, alert.Threshold, alert.Since, alert.Message));
        _knowsWhatIsRaised = true;
    }

    /// <summary>Nobody said what is raised: the states are said from what this output has seen.</summary>
    public void StopWaiting() => _knowsWhatIsRaised = true;

    /// <summary>Takes the banks and rules to show; returns the retained topics of sensors that are gone (a rule off, a bank removed).</summary>
    public IReadOnlyList<string> Reconcile(IReadOnlyList<BankConfig> banks, AlertsConfig? alerts, MqttConfig? mqtt)
    {
        var next = banks.ToDictionary(b => b.Id, b => (Name: b.Name, Kinds: (IReadOnlyList<AlertKind>)AlertsConfig.Effective(alerts, b.Id).Where(r => r.Enabled).Select(r => r.Kind).ToList()),
            StringComparer.Ordinal);
        var gone = new List<(string, AlertKind)>();
        foreach (var (bankId, (name, kinds)) in _banks)
        {
            var kept = next.TryGetValue(bankId, out var now) ? now.Kinds : [];
            gone.AddRange(kinds.Except(kept).Select(k => (bankId, k)));
            // A renamed bank's sensors name its device again.
            if (now.Name is { } newName && newName != name) _discovered.RemoveWhere(d => d.Bank == bankId);
        }
        _banks = next;
        foreach (var key in gone)
        {
            _discovered.Remove(key);
            _said.Remove(key);
            _raised.Remove(key);
        }
        if (mqtt is null) return [];
        var discovery = new HaAlertDiscovery(mqtt);
        return gone.SelectMany(g => new[] { discovery.ConfigTopic(g.Item1, g.Item2), discovery.StateTopic(g.Item1, g.Item2) }).ToList();
    }

    /// <summary>
    /// Discovery (when on) for sensors not yet discovered, and the state of each that changed since it was last said,
    /// once what is raised is known (<see cref="Raised"/>, <see cref="StopWaiting"/>): until then the broker keeps the
    /// states it retained.
    /// </summary>
    public void Flush(MqttConfig mqtt, Action<MqttMessage> send)
    {
        var discovery = new HaAlertDiscovery(mqtt);
        foreach (var (bankId, (name, kinds)) in _banks)
            foreach (var kind in kinds)
            {
                var key = (bankId, kind);
                if (mqtt.HaDiscovery && _discovered.Add(key)) send(discovery.Config(bankId, name, kind));
                if (!_knowsWhatIsRaised) continue;
                bool on = _raised.TryGetValue(key, out var packs) && packs.Count > 0;
                if (_said.TryGetValue(key, out var said) && said == on) continue;
                send(MqttMessage.Text(discovery.StateTopic(bankId, kind), on ? "ON" : "OFF", retain: true));
                _said[key] = on;
            }
    }

    /// <summary>The retained topics of every sensor, for leaving a broker or a base topic.</summary>
    public IReadOnlyList<string> Removal(MqttConfig mqtt)
    {
        var discovery = new HaAlertDiscovery(mqtt);
        var topics = _banks.SelectMany(b => b.Value.Kinds.SelectMany(k => new[] { discovery.ConfigTopic(b.Key, k), discovery.StateTopic(b.Key, k) })).ToList();
        ForgetWhatWasSaid();
        return topics;
    }

    /// <summary>After a (re)connect or on another broker: discover and say every state again.</summary>
    public void ForgetWhatWasSaid()
    {
        _said.Clear();
        _discovered.Clear();
    }
}

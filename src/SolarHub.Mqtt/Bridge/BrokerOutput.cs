using SolarHub.Configuration;
using SolarHub.Mqtt.Connection;
using SolarHub.Mqtt.HomeAssistant;

namespace SolarHub.Mqtt.Bridge;

/// <summary>
/// What the bridge sends to one broker configuration: each flush, the state and availability of every bank and pack, new energy counters
/// (and their Home Assistant discovery when it is on); on removal, the retained topics to clear. Built anew when the
/// broker configuration changes, since topics and discovery depend on it.
/// </summary>
internal sealed class BrokerOutput(MqttConfig mqtt, MqttTimings timings)
{
    private readonly MqttTopics _topics = new(mqtt);
    private readonly HaDiscovery _discovery = new(mqtt);

    /// <summary>
    /// Leaving <paramref name="old"/> for <paramref name="next"/> leaves its Home Assistant entities behind, unless the
    /// next configuration discovers the same ones (same broker and topics; credentials and client id do not matter).
    /// </summary>
    public static bool LeavesEntitiesBehind(MqttConfig old, MqttConfig? next) =>
        old.HaDiscovery && (next is null || !next.HaDiscovery || WithoutCredentials(old) != WithoutCredentials(next));

    private static MqttConfig WithoutCredentials(MqttConfig mqtt) => mqtt with { Username = null, Password = null, ClientId = null };

    /// <param name="connectedAt">When the broker connection came up: a pack without data is discovered once it had time to report.</param>
    public void Flush(IEnumerable<BankOutput> banks, DateTimeOffset now, DateTimeOffset connectedAt, Action<MqttMessage> send)
    {
        foreach (var bank in banks)
        {
            if (mqtt.HaDiscovery && !bank.Discovered)
            {
                bank.Totals.Discover(_discovery.Bank(bank.Id, bank.Name), send);
                bank.Discovered = true;
            }
            // Topics are kept on the bank and pack they name (and go with them): the flush builds no strings.
            bank.Totals.Topics ??= new EntityTopics(_topics.BankState(bank.Id), _topics.BankAvailability(bank.Id));
            bank.Totals.Say(t => t.Stale, StatePayloads.Bank, now, timings.StaleAfter, send);

            foreach (var pack in bank.Packs.Values)
            {
                var shape = pack.Shape;
                // A pack's first frame tells its real shape (temperature sensors); a pack without data is discovered
                // from its configuration only once it had time to report, so the entities are not sent twice.
                bool shapeKnown = pack.State.Latest is not null || now - connectedAt >= timings.StaleAfter;
                if (mqtt.HaDiscovery && shapeKnown && shape != pack.DiscoveredShape)
                {
                    pack.State.Discover(_discovery.Pack(bank.Id, bank.Name, pack.Address, shape), send);
                    pack.DiscoveredShape = shape;
                }
                pack.State.Topics ??= new EntityTopics(_topics.PackState(bank.Id, pack.Address), _topics.PackAvailability(bank.Id, pack.Address));
                pack.State.Say(p => p.Stale, StatePayloads.Pack, now, timings.StaleAfter, send);
            }
            SayEnergy(bank, send);
        }
    }

    /// <summary>New energy counters, retained (a counter stays true until the next one): the bank's and its known packs'.</summary>
    private void SayEnergy(BankOutput bank, Action<MqttMessage> send)
    {
        if (!bank.Energy.Dirty || bank.Energy.Latest is not { } energy) return;
        send(new MqttMessage(_topics.BankEnergy(bank.Id), StatePayloads.Energy(energy.ChargedKwh, energy.DischargedKwh, energy.At), Retain: true));
        foreach (var pack in energy.Packs)
            if (bank.Packs.ContainsKey(pack.Address))
                send(new MqttMessage(_topics.PackEnergy(bank.Id, pack.Address), StatePayloads.Energy(pack.ChargedKwh, pack.DischargedKwh, energy.At), Retain: true));
        bank.Energy.Dirty = false;
    }

    /// <summary>The retained topics that keep a bank (and its packs) in Home Assistant; it no longer holds any after this.</summary>
    public IReadOnlyList<string> Removal(BankOutput bank)
    {
        var topics = bank.Packs.Values.SelectMany(pack => Removal(bank.Id, pack)).ToList();
        topics.AddRange(bank.Totals.DiscoveryTopics);
        topics.Add(_topics.BankAvailability(bank.Id));
        topics.Add(_topics.BankEnergy(bank.Id));
        bank.Totals.DiscoveryTopics.Clear();
        return topics;
    }

    /// <summary>The retained topics that keep a pack in Home Assistant; it no longer holds any after this.</summary>
    public IReadOnlyList<string> Removal(string bankId, PackOutput pack)
    {
        var topics = pack.State.DiscoveryTopics.ToList();
        topics.Add(_topics.PackAvailability(bankId, pack.Address));
        topics.Add(_topics.PackEnergy(bankId, pack.Address));
        pack.State.DiscoveryTopics.Clear();
        return topics;
    }
}

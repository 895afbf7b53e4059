using SolarHub.Configuration;
using SolarHub.Mqtt.HomeAssistant;

namespace SolarHub.Mqtt.Bridge;

/// <summary>What a configuration change removed from MQTT: whole banks, and packs of the banks that stay.</summary>
internal sealed record RemovedOutputs(IReadOnlyList<BankOutput> Banks, IReadOnlyList<(string BankId, PackOutput Pack)> Packs);

/// <summary>
/// The banks the bridge publishes, by id. With a bank configuration, exactly the configured banks and packs (their
/// entities exist before data flows, shown unavailable); without one (an embedding host gave only the broker), every
/// bank that reports.
/// </summary>
internal sealed class BridgedBanks
{
    private readonly Dictionary<string, BankOutput> _banks = new(StringComparer.Ordinal);
    private IReadOnlySet<string>? _configured;

    public IReadOnlyCollection<BankOutput> All => _banks.Values;

    /// <summary>The bank to publish telemetry of <paramref name="bankId"/> on; null when it is not one to publish.</summary>
    public BankOutput? For(string bankId)
    {
        if (_banks.TryGetValue(bankId, out var bank)) return bank;
        // A bank being removed may still report once; it must not come back.
        if (_configured is not null) return null;
        return _banks[bankId] = new BankOutput(bankId, bankId);
    }

    /// <summary>Takes <paramref name="banks"/> as the banks to publish; returns what must leave the broker.</summary>
    public RemovedOutputs Reconcile(IReadOnlyList<BankConfig> banks)
    {
        var wanted = banks.ToDictionary(b => b.Id, StringComparer.Ordinal);
        var removedBanks = _banks.Keys.Where(id => !wanted.ContainsKey(id)).Select(id => _banks[id]).ToList();
        foreach (var gone in removedBanks) _banks.Remove(gone.Id);
        var removedPacks = new List<(string, PackOutput)>();
        foreach (var config in banks)
        {
            if (!_banks.TryGetValue(config.Id, out var bank)) _banks[config.Id] = bank = new BankOutput(config.Id, config.Name);
            if (bank.Name != config.Name)
            {
                bank.Name = config.Name;
                ForgetDiscovery(bank); // the devices are named after the bank
            }
            foreach (var address in bank.Packs.Keys.Where(a => config.Packs.All(p => p.Address != a)).ToList())
            {
                removedPacks.Add((bank.Id, bank.Packs[address]));
                bank.Packs.Remove(address);
            }
            foreach (var packConfig in config.Packs)
                bank.Pack(packConfig.Address, packConfig.Cells).ConfiguredShape = new PackShape(packConfig.Cells, 0, false);
        }
        _configured = wanted.Keys.ToHashSet(StringComparer.Ordinal);
        return new RemovedOutputs(removedBanks, removedPacks);
    }

    /// <summary>Another broker configuration: nothing is discovered or published there yet.</summary>
    public void ForgetBroker()
    {
        foreach (var bank in _banks.Values)
        {
            ForgetDiscovery(bank);
            bank.Totals.ForgetBroker();
            bank.Energy.ForgetWhatWasSaid();
            foreach (var pack in bank.Packs.Values) pack.State.ForgetBroker();
        }
    }

    /// <summary>After a (re)connect the broker may know nothing of us: discover and say everything again.</summary>
    public void ForgetWhatWasSaid()
    {
        foreach (var bank in _banks.Values)
        {
            ForgetDiscovery(bank);
            bank.Totals.ForgetWhatWasSaid();
            bank.Energy.ForgetWhatWasSaid();
            foreach (var pack in bank.Packs.Values) pack.State.ForgetWhatWasSaid();
        }
    }

    private static void ForgetDiscovery(BankOutput bank)
    {
        bank.Discovered = false;
        foreach (var pack in bank.Packs.Values) pack.DiscoveredShape = null;
    }
}

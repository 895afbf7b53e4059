using SolarHub.Configuration;

namespace SolarHub.ConfigStore;

/// <summary>
/// The changes that turn one configuration into another, in a deterministic order. Planning a configuration
/// against itself gives nothing, which is what makes importing the same file twice a no-op.
/// </summary>
public static class ConfigPlanner
{
    public static IReadOnlyList<IConfigChange> Plan(HubConfig current, HubConfig target)
    {
        var changes = new List<IConfigChange>();
        var targetIds = target.Banks.Select(b => b.Id).ToHashSet();
        // By id, first one kept (as a search would find it): a linear search per bank made large configurations quadratic.
        var currentById = new Dictionary<string, BankConfig>(current.Banks.Count);
        foreach (var bank in current.Banks) currentById.TryAdd(bank.Id, bank);

        foreach (var bank in current.Banks.Where(b => !targetIds.Contains(b.Id)))
            changes.Add(new BankRemoved(bank.Id));

        foreach (var wanted in target.Banks)
        {
            if (!currentById.TryGetValue(wanted.Id, out var existing))
            {
                changes.Add(new BankAdded(wanted.Id, wanted.Name, wanted.Packs));
                changes.AddRange(wanted.Adapters.Select(a => new AdapterAttached(wanted.Id, a)));
                continue;
            }
            if (existing.Name != wanted.Name) changes.Add(new BankRenamed(wanted.Id, wanted.Name));
            if (!existing.Packs.SequenceEqual(wanted.Packs)) changes.Add(new BankPacksChanged(wanted.Id, wanted.Packs));
            PlanAdapters(existing, wanted, changes);
        }

        var targetArrays = target.BatteryArrays.ToDictionary(a => a.Id);
        foreach (var array in current.BatteryArrays.Where(a => !targetArrays.ContainsKey(a.Id)))
            changes.Add(new ArrayRemoved(array.Id));
        foreach (var array in target.BatteryArrays)
        {
            var existing = current.BatteryArrays.FirstOrDefault(a => a.Id == array.Id);
            if (existing is null || existing.Name != array.Name || !existing.BankIds.SequenceEqual(array.BankIds))
                changes.Add(new ArrayDefined(array));
        }

        if (target.Mqtt is not null && target.Mqtt != current.Mqtt) changes.Add(new MqttConfigured(target.Mqtt));
        else if (target.Mqtt is null && current.Mqtt is not null) changes.Add(new MqttRemoved());
        var targetAlerts = target.Alerts is { IsEmpty: false } alerts ? alerts : null;
        if (targetAlerts is not null && !targetAlerts.Equals(current.Alerts)) changes.Add(new AlertsConfigured(targetAlerts));
        else if (targetAlerts is null && current.Alerts is not null) changes.Add(new AlertsRemoved());
        return changes;
    }

    private static void PlanAdapters(BankConfig existing, BankConfig wanted, List<IConfigChange> changes)
    {
        var wantedIds = wanted.Adapters.Select(a => a.Id).ToHashSet();
        foreach (var adapter in existing.Adapters.Where(a => !wantedIds.Contains(a.Id)))
            changes.Add(new AdapterDetached(wanted.Id, adapter.Id));
        foreach (var adapter in wanted.Adapters)
        {
            var old = existing.Adapters.FirstOrDefault(a => a.Id == adapter.Id);
            if (old is null) { changes.Add(new AdapterAttached(wanted.Id, adapter)); continue; }
            if (old with { Priority = adapter.Priority, Enabled = adapter.Enabled, Node = adapter.Node } != adapter) changes.Add(new AdapterSettingsChanged(wanted.Id, adapter));
            if (old.Priority != adapter.Priority) changes.Add(new AdapterPriorityChanged(wanted.Id, adapter.Id, adapter.Priority));
            if (old.Enabled != adapter.Enabled) changes.Add(new AdapterEnabledChanged(wanted.Id, adapter.Id, adapter.Enabled));
            if (old.Node != adapter.Node) changes.Add(new AdapterNodeChanged(wanted.Id, adapter.Id, adapter.Node));
        }
    }
}

using SolarHub.Configuration;
using SolarHub.Configuration.Validation;

namespace SolarHub.ConfigStore;

/// <summary>Applies changes to an immutable <see cref="HubConfig"/>. Pure; a change that does not fit the hierarchy is an error naming what is missing or duplicated.</summary>
public static class ConfigChangeApplier
{
    /// <summary>The errors as text: <c>banks[bank-1].adapters[gw-b]: no such adapter</c>.</summary>
    public static bool TryApply(HubConfig config, IReadOnlyList<IConfigChange> changes, out HubConfig result, out IReadOnlyList<string> errors)
    {
        var applied = Apply(config, changes);
        result = applied.Config;
        errors = applied.Errors.Select(e => e.ToString()).ToList();
        return applied.Errors.Count == 0;
    }

    /// <summary>
    /// Applies every change in order. Each error names the entity (<see cref="ConfigError.Path"/>) and what is wrong; a
    /// change in error is skipped and the following ones still apply, so one pass reports every problem.
    /// </summary>
    public static ConfigApplyResult Apply(HubConfig config, IReadOnlyList<IConfigChange> changes)
    {
        // One working copy for the whole change set, banks found by id: copying the bank list for every change made a
        // large import quadratic (34,000 banks: minutes).
        var banks = new WorkingBanks(config.Banks);
        var problems = new List<ConfigError>();
        foreach (var change in changes)
        {
            if (ApplyOne(ref config, banks, change) is { } error) problems.Add(error);
        }
        return new ConfigApplyResult(config with { Banks = banks.ToList() }, problems);
    }

    private static ConfigError Error(string path, string message) => new(0, 0, path, message);

    private static ConfigError? ApplyOne(ref HubConfig config, WorkingBanks banks, IConfigChange change)
    {
        switch (change)
        {
            case null:
                return Error("", "an empty change");
            case BankAdded added:
                if (!banks.TryAdd(new BankConfig(added.BankId, added.Name, added.Packs, [])))
                    return Error($"banks[{added.BankId}]", "a bank with this id already exists");
                return null;
            case BankRemoved removed:
                if (!banks.Remove(removed.BankId)) return Error($"banks[{removed.BankId}]", "no such bank");
                // An array never names a bank that is gone.
                if (config.BatteryArrays.Any(a => a.BankIds.Contains(removed.BankId)))
                    config = config with { Arrays = config.BatteryArrays.Select(a => a with { BankIds = a.BankIds.Where(id => id != removed.BankId).ToList() }).ToList() };
                // Nor an alert rule.
                if (config.Alerts is { } alerts && alerts.Overrides.Any(o => o.BankId == removed.BankId))
                    config = config with { Alerts = alerts with { Rules = alerts.Overrides.Where(o => o.BankId != removed.BankId).ToList() } };
                return null;
            case BankRenamed renamed:
                return banks.Update(renamed.BankId, b => b with { Name = renamed.Name }) ? null : Error($"banks[{renamed.BankId}]", "no such bank");
            case BankPacksChanged packs:
                return banks.Update(packs.BankId, b => b with { Packs = packs.Packs }) ? null : Error($"banks[{packs.BankId}]", "no such bank");
            case ArrayDefined defined:
                // Defines a new array or replaces the one with this id, in place.
                var arrays = config.BatteryArrays.ToList();
                int at = arrays.FindIndex(a => a.Id == defined.Array.Id);
                if (at >= 0) arrays[at] = defined.Array;
                else arrays.Add(defined.Array);
                config = config with { Arrays = arrays };
                return null;
            case ArrayRemoved removedArray:
                if (config.BatteryArrays.All(a => a.Id != removedArray.ArrayId)) return Error($"arrays[{removedArray.ArrayId}]", "no such battery array");
                config = config with { Arrays = config.BatteryArrays.Where(a => a.Id != removedArray.ArrayId).ToList() };
                return null;
            case MqttConfigured mqtt:
                config = config with { Mqtt = mqtt.Mqtt };
                return null;
            case AlertsConfigured configured:
                config = config with { Alerts = configured.Alerts.IsEmpty ? null : configured.Alerts };
                return null;
            case AlertsRemoved:
                if (config.Alerts is null) return Error("alerts", "no alert rule is changed and no webhook is set");
                config = config with { Alerts = null };
                return null;
            case MqttRemoved:
                if (config.Mqtt is null) return Error("mqtt", "no MQTT output is configured");
                config = config with { Mqtt = null };
                return null;
            default:
                return ApplyToAdapter(banks, change);
        }
    }

    private static ConfigError? ApplyToAdapter(WorkingBanks banks, IConfigChange change)
    {
        var (bankId, adapterId) = change switch
        {
            AdapterAttached a => (a.BankId, a.Adapter.Id),
            AdapterDetached d => (d.BankId, d.AdapterId),
            AdapterPriorityChanged p => (p.BankId, p.AdapterId),
            AdapterEnabledChanged e => (e.BankId, e.AdapterId),
            AdapterSettingsChanged s => (s.BankId, s.Adapter.Id),
            AdapterNodeChanged n => (n.BankId, n.AdapterId),
            _ => throw new ArgumentOutOfRangeException(nameof(change), change, "unknown configuration change"),
        };
        if (banks.Find(bankId) is not { } bank) return Error($"banks[{bankId}]", "no such bank");
        var adapters = bank.Adapters.ToList();
        int i = adapters.FindIndex(a => a.Id == adapterId);
        string path = $"banks[{bankId}].adapters[{adapterId}]";

        if (change is AdapterAttached attached)
        {
            if (i >= 0) return Error(path, "an adapter with this id already exists");
            adapters.Add(attached.Adapter);
        }
        else
        {
            if (i < 0) return Error(path, "no such adapter");
            switch (change)
            {
                case AdapterDetached: adapters.RemoveAt(i); break;
                case AdapterPriorityChanged p: adapters[i] = adapters[i] with { Priority = p.Priority }; break;
                case AdapterEnabledChanged e: adapters[i] = adapters[i] with { Enabled = e.Enabled }; break;
                case AdapterNodeChanged n: adapters[i] = adapters[i] with { Node = n.Node }; break;
                // The node, like priority and enabled, has its own change (change sets stored before nodes hold none).
                case AdapterSettingsChanged s: adapters[i] = s.Adapter with { Priority = adapters[i].Priority, Enabled = adapters[i].Enabled, Node = adapters[i].Node }; break;
            }
        }
        banks.Update(bankId, b => b with { Adapters = adapters });
        return null;
    }

    /// <summary>The banks while a change set applies: in order, found by id, a removed one left as a gap until the end.</summary>
    private sealed class WorkingBanks
    {
        private readonly List<BankConfig?> _banks;
        private readonly Dictionary<string, int> _byId = new(StringComparer.Ordinal);

        public WorkingBanks(IReadOnlyList<BankConfig> banks)
        {
            _banks = new List<BankConfig?>(banks);
            for (int i = 0; i < banks.Count; i++) _byId.TryAdd(banks[i].Id, i);
        }

        public BankConfig? Find(string id) => _byId.TryGetValue(id, out int i) ? _banks[i] : null;

        public bool TryAdd(BankConfig bank)
        {
            if (!_byId.TryAdd(bank.Id, _banks.Count)) return false;
            _banks.Add(bank);
            return true;
        }

        public bool Remove(string id)
        {
            if (!_byId.Remove(id, out int i)) return false;
            _banks[i] = null;
            return true;
        }

        public bool Update(string id, Func<BankConfig, BankConfig> change)
        {
            if (!_byId.TryGetValue(id, out int i)) return false;
            _banks[i] = change(_banks[i]!);
            return true;
        }

        public List<BankConfig> ToList() => _banks.OfType<BankConfig>().ToList();
    }
}

/// <summary>The configuration after the changes that applied, and an error for each change that did not.</summary>
public sealed record ConfigApplyResult(HubConfig Config, IReadOnlyList<ConfigError> Errors)
{
    public bool Succeeded => Errors.Count == 0;
}

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
        var problems = new List<ConfigError>();
        var result = config;
        foreach (var change in changes)
        {
            if (ApplyOne(ref result, change) is { } error) problems.Add(error);
        }
        return new ConfigApplyResult(result, problems);
    }

    private static ConfigError Error(string path, string message) => new(0, 0, path, message);

    private static ConfigError? ApplyOne(ref HubConfig config, IConfigChange change)
    {
        var banks = config.Banks.ToList();
        int Find(string id) => banks.FindIndex(b => b.Id == id);

        switch (change)
        {
            case null:
                return Error("", "an empty change");
            case BankAdded added:
                if (Find(added.BankId) >= 0) return Error($"banks[{added.BankId}]", "a bank with this id already exists");
                banks.Add(new BankConfig(added.BankId, added.Name, added.Packs, []));
                break;
            case BankRemoved removed:
                if (Find(removed.BankId) is var r && r < 0) return Error($"banks[{removed.BankId}]", "no such bank");
                banks.RemoveAt(r);
                // An array never names a bank that is gone.
                config = config with { Arrays = config.BatteryArrays.Select(a => a with { BankIds = a.BankIds.Where(id => id != removed.BankId).ToList() }).ToList() };
                break;
            case BankRenamed renamed:
                if (Find(renamed.BankId) is var n && n < 0) return Error($"banks[{renamed.BankId}]", "no such bank");
                banks[n] = banks[n] with { Name = renamed.Name };
                break;
            case BankPacksChanged packs:
                if (Find(packs.BankId) is var p && p < 0) return Error($"banks[{packs.BankId}]", "no such bank");
                banks[p] = banks[p] with { Packs = packs.Packs };
                break;
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
            case MqttRemoved:
                if (config.Mqtt is null) return Error("mqtt", "no MQTT output is configured");
                config = config with { Mqtt = null };
                return null;
            default:
                var error = ApplyToAdapter(banks, change);
                if (error is not null) return error;
                break;
        }
        config = config with { Banks = banks };
        return null;
    }

    private static ConfigError? ApplyToAdapter(List<BankConfig> banks, IConfigChange change)
    {
        var (bankId, adapterId) = change switch
        {
            AdapterAttached a => (a.BankId, a.Adapter.Id),
            AdapterDetached d => (d.BankId, d.AdapterId),
            AdapterPriorityChanged p => (p.BankId, p.AdapterId),
            AdapterEnabledChanged e => (e.BankId, e.AdapterId),
            AdapterSettingsChanged s => (s.BankId, s.Adapter.Id),
            _ => throw new ArgumentOutOfRangeException(nameof(change), change, "unknown configuration change"),
        };
        int b = banks.FindIndex(x => x.Id == bankId);
        if (b < 0) return Error($"banks[{bankId}]", "no such bank");
        var adapters = banks[b].Adapters.ToList();
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
                case AdapterSettingsChanged s: adapters[i] = s.Adapter with { Priority = adapters[i].Priority, Enabled = adapters[i].Enabled }; break;
            }
        }
        banks[b] = banks[b] with { Adapters = adapters };
        return null;
    }
}

/// <summary>The configuration after the changes that applied, and an error for each change that did not.</summary>
public sealed record ConfigApplyResult(HubConfig Config, IReadOnlyList<ConfigError> Errors)
{
    public bool Succeeded => Errors.Count == 0;
}

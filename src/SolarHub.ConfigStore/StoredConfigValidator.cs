using SolarHub.Configuration;
using SolarHub.Configuration.Validation;

namespace SolarHub.ConfigStore;

/// <summary>
/// What the store accepts: the model's own checks (<see cref="HubConfigValidator"/>), the MQTT output's
/// (<see cref="MqttConfigValidator"/>) and the alert rules' (<see cref="AlertsConfigValidator"/>), plus the battery arrays, which the model validator does not look at: every
/// array has a well-formed id (<see cref="IdSyntax"/>) and name, and names existing banks, each once.
/// </summary>
public static class StoredConfigValidator
{
    /// <summary>
    /// What is wrong with the configuration a change would store, leaving out what was already wrong with the stored
    /// one. The stored configuration passed the rules of its day; a later, stricter rule (ids, names, device
    /// identity) must not lock an install out of every change, so it refuses changes that add a problem, while the
    /// stored configuration keeps loading and running (and <c>config validate</c> still lists what breaks the rules).
    /// </summary>
    public static IReadOnlyList<ConfigError> ValidateChange(HubConfig current, HubConfig next)
    {
        var errors = Validate(next);
        if (errors.Count == 0) return errors;
        var known = Validate(current).Select(e => e.ToString()).ToHashSet(StringComparer.Ordinal);
        return errors.Where(e => !known.Contains(e.ToString())).ToList();
    }

    public static IReadOnlyList<ConfigError> Validate(HubConfig config)
    {
        var errors = HubConfigValidator.Validate(config).ToList();
        errors.AddRange(MqttConfigValidator.Validate(config.Mqtt));
        var bankIds = config.Banks.Select(b => b.Id).ToHashSet(StringComparer.Ordinal);
        errors.AddRange(AlertsConfigValidator.Validate(config.Alerts, bankIds));
        var arrayIds = new Dictionary<string, string>(IdSyntax.Comparer);
        for (int a = 0; a < config.BatteryArrays.Count; a++)
        {
            var array = config.BatteryArrays[a];
            var path = $"arrays[{(string.IsNullOrWhiteSpace(array.Id) ? a.ToString() : PrintableText.Short(array.Id, IdSyntax.MaxLength))}]";
            if (IdSyntax.Problem(array.Id, "array") is { } problem) errors.Add(new ConfigError(0, 0, $"{path}.id", problem));
            else if (arrayIds.TryGetValue(array.Id, out var first))
                errors.Add(new ConfigError(0, 0, $"{path}.id", first == array.Id
                    ? $"array id '{array.Id}' is used by another array"
                    : $"array id '{array.Id}' is the id of array '{first}' in other letters (ids are compared ignoring case)"));
            else arrayIds[array.Id] = array.Id;
            if (array.Name != array.Id && DisplayName.Problem(array.Name, "array") is { } nameProblem)
                errors.Add(new ConfigError(0, 0, $"{path}.name", nameProblem));

            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (int i = 0; i < array.BankIds.Count; i++)
            {
                var bankId = array.BankIds[i];
                if (!bankIds.Contains(bankId))
                    errors.Add(new ConfigError(0, 0, $"{path}.bankIds[{i}]", $"{PrintableText.Quote(bankId)} is not the id of a bank"));
                else if (!seen.Add(bankId))
                    errors.Add(new ConfigError(0, 0, $"{path}.bankIds[{i}]", $"{PrintableText.Quote(bankId)} is listed twice"));
            }
        }
        return errors;
    }
}

using SolarHub.Configuration;
using SolarHub.Configuration.Validation;

namespace SolarHub.ConfigStore;

/// <summary>
/// What the store accepts: the model's own checks (<see cref="HubConfigValidator"/>), the MQTT output's
/// (<see cref="MqttConfigValidator"/>), plus the battery arrays, which the model validator does not look at: every
/// array has an id and names existing banks, each once.
/// </summary>
public static class StoredConfigValidator
{
    public static IReadOnlyList<ConfigError> Validate(HubConfig config)
    {
        var errors = HubConfigValidator.Validate(config).ToList();
        errors.AddRange(MqttConfigValidator.Validate(config.Mqtt));
        var bankIds = config.Banks.Select(b => b.Id).ToHashSet(StringComparer.Ordinal);
        var arrayIds = new HashSet<string>(StringComparer.Ordinal);
        for (int a = 0; a < config.BatteryArrays.Count; a++)
        {
            var array = config.BatteryArrays[a];
            var path = $"arrays[{(string.IsNullOrWhiteSpace(array.Id) ? a.ToString() : array.Id)}]";
            if (string.IsNullOrWhiteSpace(array.Id)) errors.Add(new ConfigError(0, 0, $"{path}.id", "the array id is empty"));
            else if (!arrayIds.Add(array.Id)) errors.Add(new ConfigError(0, 0, $"{path}.id", $"array id '{array.Id}' is used by another array"));

            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (int i = 0; i < array.BankIds.Count; i++)
            {
                var bankId = array.BankIds[i];
                if (!bankIds.Contains(bankId))
                    errors.Add(new ConfigError(0, 0, $"{path}.bankIds[{i}]", $"'{bankId}' is not the id of a bank"));
                else if (!seen.Add(bankId))
                    errors.Add(new ConfigError(0, 0, $"{path}.bankIds[{i}]", $"'{bankId}' is listed twice"));
            }
        }
        return errors;
    }
}

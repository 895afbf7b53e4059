using SolarHub.Configuration.Validation;

namespace SolarHub.Configuration.Legacy;

/// <summary>What a legacy <c>config.yaml</c> holds for SolarHub, and everything wrong with it.</summary>
/// <param name="Config">The banks read; when <see cref="IsValid"/> is false it is best effort, for showing, not for running.</param>
/// <param name="Arrays">The <c>battery_bank_arrays</c> groups.</param>
/// <param name="Errors">Every error, in file order, each with its line.</param>
/// <param name="Warnings">Things accepted but worth changing (deprecated keys, ignored settings), formatted like errors.</param>
public sealed record LegacyConfigResult(
    HubConfig Config,
    IReadOnlyList<BatteryArrayConfig> Arrays,
    IReadOnlyList<ConfigError> Errors,
    IReadOnlyList<string> Warnings)
{
    public bool IsValid => Errors.Count == 0;
}

namespace SolarHub.Configuration;

/// <summary>Everything SolarHub runs: the banks, how they are grouped into battery arrays, and what the source held that SolarHub does not handle.</summary>
public sealed record HubConfig(IReadOnlyList<BankConfig> Banks, IReadOnlyList<string> IgnoredSections, IReadOnlyList<BatteryArrayConfig>? Arrays = null)
{
    public static HubConfig Empty { get; } = new([], []);

    /// <summary>The battery arrays (never null).</summary>
    public IReadOnlyList<BatteryArrayConfig> BatteryArrays => Arrays ?? [];
}

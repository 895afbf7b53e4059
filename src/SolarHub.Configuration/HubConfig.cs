namespace SolarHub.Configuration;

/// <summary>Everything SolarHub runs: the banks, and what the source held that SolarHub does not handle.</summary>
public sealed record HubConfig(IReadOnlyList<BankConfig> Banks, IReadOnlyList<string> IgnoredSections)
{
    public static HubConfig Empty { get; } = new([], []);
}

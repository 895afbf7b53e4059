using SolarHub.Configuration;
using SolarHub.Configuration.Validation;

namespace SolarHub.ConfigStore;

// How clients talk to the HubConfigStore.

/// <summary>Asks for the current configuration; answered with <see cref="StoredConfig"/>.</summary>
public sealed record GetStoredConfig
{
    public static GetStoredConfig Instance { get; } = new();
}

/// <summary>The configuration and its version (the number of change sets stored so far).</summary>
public sealed record StoredConfig(HubConfig Config, long Version);

/// <summary>A request that stores a change set.</summary>
public interface IConfigWrite
{
    /// <summary>
    /// Names one write across its retries: a write sent again because its answer was late (a large import) or lost is
    /// answered with what the first one stored, not planned again (it would find nothing to change).
    /// </summary>
    Guid? RequestId { get; }
}

/// <summary>Apply these changes together, or none of them. <paramref name="DryRun"/> validates and plans without storing.</summary>
public sealed record ProposeChanges(IReadOnlyList<IConfigChange> Changes, string Source, bool DryRun = false) : IConfigWrite
{
    public Guid? RequestId { get; init; }
}

/// <summary>Make the configuration equal to <paramref name="Target"/> (e.g. an imported file): planned as changes against the current one.</summary>
public sealed record ReplaceConfig(HubConfig Target, string Source, bool DryRun = false) : IConfigWrite
{
    public Guid? RequestId { get; init; }
}

/// <summary>The changes are valid; <paramref name="Stored"/> is false for a dry run or when there was nothing to change.</summary>
public sealed record ChangesAccepted(IReadOnlyList<IConfigChange> Changes, HubConfig Config, long Version, bool Stored);

/// <summary>Nothing was stored: the errors name the entity and field.</summary>
public sealed record ChangesRejected(IReadOnlyList<ConfigError> Errors);

/// <summary>The database refused or failed the write (e.g. another client stored a change first); nothing was stored.</summary>
public sealed record ChangesFailed(string Reason)
{
    /// <summary>The same change may be stored if sent again (another client wrote first, a lock); false: it cannot (read-only, full).</summary>
    public bool MayRetry { get; init; }
}

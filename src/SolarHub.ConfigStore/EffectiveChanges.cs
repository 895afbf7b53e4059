using SolarHub.Configuration;

namespace SolarHub.ConfigStore;

/// <summary>
/// The changes of a change set that alter the configuration, in order: enabling an adapter that is enabled, or setting
/// a priority it already has, changes nothing and is not stored (a set of such changes stores no new version).
/// </summary>
public static class EffectiveChanges
{
    /// <param name="config">The configuration the changes apply to; they must apply without error.</param>
    public static IReadOnlyList<IConfigChange> Of(HubConfig config, IReadOnlyList<IConfigChange> changes)
    {
        var effective = new List<IConfigChange>(changes.Count);
        var current = config;
        foreach (var change in changes)
        {
            var next = ConfigChangeApplier.Apply(current, [change]).Config;
            // The planner compares by content: no change planned between the two means this one did nothing.
            if (ConfigPlanner.Plan(current, next).Count == 0) continue;
            effective.Add(change);
            current = next;
        }
        return effective;
    }
}

using SolarHub.Configuration;
using SolarHub.Core.Telemetry;

namespace SolarHub.Core.Banks;

/// <summary>
/// A bank's <see cref="BankSnapshot"/>, read from its parts. Adapters come best first, then the configured adapters
/// the bank does not run (disabled), so an operator sees every adapter of the configuration in one list.
/// </summary>
public static class BankSnapshotBuilder
{
    public static BankSnapshot Build(BankConfig config, BankState state, ActiveAdapter active, BankAdapters adapters, PackFreshness packs, BankTelemetry totals,
        string? node = null) => new(
        config.Id, config.Name, state, active.Id,
        adapters.ByRank.Select(t => Tracked(t, active.Is(t.Id), node))
            .Concat(config.Adapters.Where(a => !adapters.Contains(a.Id)).Select(a => Disabled(a, node))).ToList(),
        packs.Records.Select(p => new PackSnapshot(p.Address, p.UpdatedAt, p.Stale, p.Latest)).ToList(),
        totals,
        active.History)
        {
            ForcedAdapter = active.Forced,
            FailoverCount = active.FailoverCount,
            Node = node,
        };

    // An adapter runs on the node it names, else beside its bank.
    private static AdapterSnapshot Tracked(AdapterTracker t, bool isActive, string? bankNode) => new(
        t.Id, t.Config.Describe(), t.Config.Priority, t.Config.Enabled, isActive, t.State, t.StateReason,
        t.LastHeartbeat, t.LastFrameAt, t.HealthySince, t.Bytes, t.Frames, t.ChecksumErrors, t.Restarts, t.LastError)
    {
        Protocol = t.Config.Protocol,
        Transport = t.Config.Transport.Describe(),
        DiscardedBytes = t.DiscardedBytes,
        SilenceAfterMs = t.SilenceAfter?.TotalMilliseconds,
        Node = bankNode is null ? null : t.Config.Node ?? bankNode,
    };

    private static AdapterSnapshot Disabled(AdapterConfig a, string? bankNode) => new(
        a.Id, a.Describe(), a.Priority, a.Enabled, Active: false, AdapterState.Stopped, "disabled in configuration",
        null, null, null, 0, 0, 0, 0, null)
    {
        Protocol = a.Protocol,
        Transport = a.Transport.Describe(),
        Node = bankNode is null ? null : a.Node ?? bankNode,
    };
}

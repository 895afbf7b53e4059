using SolarHub.Configuration;
using SolarHub.Core.Telemetry;

namespace SolarHub.Core.Banks;

// How the outside talks to a bank. Banks are addressed by id through an envelope, so the same messages work
// through the local BankRegistry and, later, through a Cluster Sharding region.

/// <summary>Delivers <paramref name="Message"/> to the bank <paramref name="BankId"/>.</summary>
public sealed record BankEnvelope(string BankId, object Message);

/// <summary>Asks a bank for a <see cref="BankSnapshot"/>.</summary>
public sealed record GetBankSnapshot
{
    public static GetBankSnapshot Instance { get; } = new();
}

/// <summary>Asks the registry for the ids of every bank it runs; answered with <see cref="BankIds"/>.</summary>
public sealed record GetBankIds
{
    public static GetBankIds Instance { get; } = new();
}

public sealed record BankIds(IReadOnlyList<string> Ids);

/// <summary>The answer when an envelope names a bank that does not exist.</summary>
public sealed record BankNotFound(string BankId);

/// <summary>Replaces a running bank's configuration (adapters, priorities, enabled flags, packs).</summary>
public sealed record ApplyBankConfig(BankConfig Config);

/// <summary>Everything a bank knows, for inspection.</summary>
public sealed record BankSnapshot(
    string Id,
    string Name,
    BankState State,
    string? ActiveAdapter,
    IReadOnlyList<AdapterSnapshot> Adapters,
    IReadOnlyList<PackSnapshot> Packs,
    BankTelemetry Totals,
    IReadOnlyList<FailoverOccurred> Failovers)
{
    /// <summary>The adapter an operator forced active (<see cref="ForceActiveAdapter"/>), while the pin holds.</summary>
    public string? ForcedAdapter { get; init; }

    /// <summary>Failovers since the bank started (<see cref="Failovers"/> keeps only the latest 50).</summary>
    public long FailoverCount { get; init; }

    /// <summary>The cluster node the bank runs on; null when not clustered.</summary>
    public string? Node { get; init; }
}

public sealed record AdapterSnapshot(
    string Id,
    string Description,
    int Priority,
    bool Enabled,
    bool Active,
    AdapterState State,
    string StateReason,
    DateTimeOffset? LastHeartbeat,
    DateTimeOffset? LastFrameAt,
    DateTimeOffset? HealthySince,
    long Bytes,
    long Frames,
    long ChecksumErrors,
    int Restarts,
    string? LastError)
{
    public AdapterProtocol Protocol { get; init; }

    /// <summary>Where it connects, e.g. "tcp://127.0.0.1:5000".</summary>
    public string Transport { get; init; } = "";

    /// <summary>Bytes that formed no valid message: noise, truncated messages, Modbus messages with a bad CRC.</summary>
    public long DiscardedBytes { get; init; }

    /// <summary>The cluster node the adapter runs on (the one it names, else its bank's); null when not clustered.</summary>
    public string? Node { get; init; }

    /// <summary>How long (ms) its bus may stay quiet before it is called silent, learned from the bus's rhythm; null: not learned yet, active, or off (data-deadline applies).</summary>
    public double? SilenceAfterMs { get; init; }
}

/// <summary>A pack's freshness and, once it has reported, its latest values.</summary>
public sealed record PackSnapshot(byte Address, DateTimeOffset? UpdatedAt, bool Stale, PackTelemetry? Values);

// ---- operator commands on one adapter of a bank (answered with AdapterCommandDone, AdapterCommandRefused or AdapterNotFound)

/// <summary>
/// Make this adapter active now and keep it active (pinned) until <see cref="ReleaseForcedAdapter"/> or until it leaves
/// Healthy; then the failover policy decides again. Only a healthy adapter can be forced.
/// </summary>
public sealed record ForceActiveAdapter(string AdapterId);

/// <summary>Ends a forced activation: the failover policy decides again (a better adapter takes over after the hold-down).</summary>
public sealed record ReleaseForcedAdapter(string AdapterId);

/// <summary>Enables or disables an adapter in the running bank's configuration only (not stored).</summary>
public sealed record SetAdapterEnabled(string AdapterId, bool Enabled);

public sealed record AdapterCommandDone(string BankId, string AdapterId, string Outcome);

/// <summary>The command does not apply in the adapter's current state; nothing changed.</summary>
public sealed record AdapterCommandRefused(string BankId, string AdapterId, string Reason);

public sealed record AdapterNotFound(string BankId, string AdapterId);

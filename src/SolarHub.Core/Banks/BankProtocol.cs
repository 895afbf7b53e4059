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
    IReadOnlyList<FailoverOccurred> Failovers);

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
    string? LastError);

/// <summary>A pack's freshness and, once it has reported, its latest values.</summary>
public sealed record PackSnapshot(byte Address, DateTimeOffset? UpdatedAt, bool Stale, PackTelemetry? Values);

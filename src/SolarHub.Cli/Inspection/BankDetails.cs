namespace SolarHub.Cli.Inspection;

// GET /api/banks/{bankId} as the CLI reads it: a tolerant reader of the node's BankSnapshot (fields it does not
// know are ignored, fields the node does not send stay null), so the CLI works across node versions.

public sealed record BankDetails(
    string Id,
    string? Name,
    string? State,
    string? ActiveAdapter,
    IReadOnlyList<AdapterDetails>? Adapters,
    IReadOnlyList<PackDetails>? Packs,
    BankTotals? Totals,
    IReadOnlyList<FailoverRecord>? Failovers)
{
    /// <summary>The adapter an operator forced active, while the pin holds.</summary>
    public string? ForcedAdapter { get; init; }

    /// <summary>Failovers since the bank started (<see cref="Failovers"/> holds only the latest ones).</summary>
    public long? FailoverCount { get; init; }

    /// <summary>The cluster node the bank runs on; null when not clustered.</summary>
    public string? Node { get; init; }
}

public sealed record AdapterDetails(
    string Id,
    string? Description,
    int? Priority,
    bool? Enabled,
    bool? Active,
    string? State,
    string? StateReason,
    DateTimeOffset? LastHeartbeat,
    DateTimeOffset? LastFrameAt,
    DateTimeOffset? HealthySince,
    long? Bytes,
    long? Frames,
    long? ChecksumErrors,
    int? Restarts,
    string? LastError)
{
    public string? Protocol { get; init; }

    /// <summary>Bytes that were not part of any valid frame (noise, truncated messages).</summary>
    public long? DiscardedBytes { get; init; }

    /// <summary>Where it connects, e.g. "tcp://127.0.0.1:5000".</summary>
    public string? Transport { get; init; }
}

public sealed record PackDetails(int Address, DateTimeOffset? UpdatedAt, bool Stale, PackValues? Values);

/// <summary>A pack's latest values (PackTelemetry). Units: V, A, W, °C.</summary>
public sealed record PackValues(
    string? AdapterId,
    IReadOnlyList<double>? Cells,
    double? CellMin,
    double? CellMax,
    double? CellDelta,
    double? PackVoltage,
    double? Current,
    double? Power,
    double? Soc,
    double? Soh,
    double? MosTemperature,
    IReadOnlyList<double>? Temperatures,
    IReadOnlyList<string>? Alarms);

/// <summary>The bank's totals over its fresh packs (BankTelemetry).</summary>
public sealed record BankTotals(
    DateTimeOffset? At,
    int? PacksFresh,
    int? PacksTotal,
    bool Stale,
    double? Voltage,
    double? Current,
    double? Power,
    double? Soc,
    double? RemainingCapacity,
    double? FullCapacity,
    double? CellMin,
    double? CellMax,
    double? TemperatureMin,
    double? TemperatureMax,
    IReadOnlyList<string>? Alarms);

/// <summary>A switch of the active adapter; <see cref="DurationMs"/> is the data gap it ended.</summary>
public sealed record FailoverRecord(DateTimeOffset At, string? From, string? To, string? Reason, bool IsFailback, double? DurationMs);

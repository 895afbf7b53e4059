namespace SolarHub.Core.Telemetry;

// Events a bank publishes besides telemetry.

/// <summary>The bank switched its active adapter.</summary>
public sealed record FailoverOccurred(string BankId, DateTimeOffset At, string? From, string To, string Reason, bool IsFailback)
{
    /// <summary>
    /// The data gap the switch ended: from the outgoing adapter's last reading to the switch, in milliseconds (e.g. a bit
    /// over the data deadline for a silent gateway). Near 0 when the outgoing adapter was still delivering (a failback,
    /// a priority change, an operator's forced activation).
    /// </summary>
    public double DurationMs { get; init; }

    /// <summary>How long the outgoing adapter had been active; null when that is unknown.</summary>
    public double? PreviousActiveMs { get; init; }
}

/// <summary>An adapter changed state.</summary>
public sealed record AdapterStateChanged(string BankId, string AdapterId, DateTimeOffset At, AdapterState From, AdapterState To, string Reason)
{
    /// <summary>
    /// One more turn of a retry that keeps failing (the adapter faulted before and has not been healthy since): a
    /// bank with no healthy adapter retries twice a second, so a console or a log shows these only when asked.
    /// </summary>
    public bool Retry { get; init; }
}

/// <summary>Something users must know about a bank; <see cref="Cleared"/> is true when the condition ended.</summary>
public sealed record BankAlarm(string BankId, DateTimeOffset At, BankAlarmKind Kind, string Message, bool Cleared);

public enum BankAlarmKind
{
    AllAdaptersDown,
    PackStale,
}

/// <summary>
/// A bank stopped running on this node while it may run on another: a cluster's entity handed over (its node leaving,
/// a rebalance). Published on this node's event stream only, never relayed. What this node judged and counted for the
/// bank (its raised alerts, the energy meter's last readings) is forgotten, without a clear: the node that runs it now
/// judges and counts it from its own readings, and a reading this node saw before the bank left must not be bridged to
/// one after it came back.
/// </summary>
public sealed record BankLeftNode(string BankId);

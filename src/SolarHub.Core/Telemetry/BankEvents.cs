namespace SolarHub.Core.Telemetry;

// Events a bank publishes besides telemetry.

/// <summary>The bank switched its active adapter.</summary>
public sealed record FailoverOccurred(string BankId, DateTimeOffset At, string? From, string To, string Reason, bool IsFailback);

/// <summary>An adapter changed state.</summary>
public sealed record AdapterStateChanged(string BankId, string AdapterId, DateTimeOffset At, AdapterState From, AdapterState To, string Reason);

/// <summary>Something users must know about a bank; <see cref="Cleared"/> is true when the condition ended.</summary>
public sealed record BankAlarm(string BankId, DateTimeOffset At, BankAlarmKind Kind, string Message, bool Cleared);

public enum BankAlarmKind
{
    AllAdaptersDown,
    PackStale,
}

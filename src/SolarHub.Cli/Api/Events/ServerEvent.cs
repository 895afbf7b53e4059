using SolarHub.Core.Telemetry;

namespace SolarHub.Cli.Api.Events;

/// <summary>One event of <c>GET /api/events</c>: its SSE kind and the record sent as its data.</summary>
public sealed record ServerEvent(string Kind, object Data)
{
    /// <summary>The records streamed, by SSE event kind.</summary>
    public static readonly IReadOnlyDictionary<Type, string> Kinds = new Dictionary<Type, string>
    {
        [typeof(PackTelemetry)] = "pack-telemetry",
        [typeof(BankTelemetry)] = "bank-telemetry",
        [typeof(AdapterStateChanged)] = "adapter-state",
        [typeof(FailoverOccurred)] = "failover",
        [typeof(BankAlarm)] = "bank-alarm",
    };

    public static string? BankOf(object record) => record switch
    {
        PackTelemetry p => p.BankId,
        BankTelemetry b => b.BankId,
        AdapterStateChanged a => a.BankId,
        FailoverOccurred f => f.BankId,
        BankAlarm a => a.BankId,
        _ => null,
    };
}

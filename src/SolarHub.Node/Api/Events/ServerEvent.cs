using SolarHub.Core.Alerts;
using SolarHub.Core.Telemetry;

namespace SolarHub.Node.Api.Events;

/// <summary>
/// One event of <c>GET /api/events</c>: its SSE kind, the record sent as its data, and, once
/// <see cref="RecentEvents"/> numbered it, its node-wide <see cref="Sequence"/> and SSE <see cref="Id"/>.
/// </summary>
public sealed record ServerEvent(string Kind, object Data)
{
    /// <summary>Node-wide, increasing by one per event (0: not numbered).</summary>
    public long Sequence { get; init; }

    /// <summary>The run of the node that numbered it (<see cref="EventId"/>); null: not numbered.</summary>
    public string? Run { get; init; }

    /// <summary>The cluster node whose bank published it, sent as the data's <c>"node"</c>; null on a node outside a cluster (no such field).</summary>
    public string? Node { get; init; }

    // Made when first sent: most events (a telemetry stream with no client connected) are never sent.
    private string? _id;

    /// <summary>The SSE <c>id:</c> (<see cref="EventId"/>: the run of the node and <see cref="Sequence"/>); empty when not numbered.</summary>
    public string Id => _id ??= Run is null ? "" : EventId.Format(Run, Sequence);

    public string? BankId { get; } = BankOf(Data);

    // Memoised: the record is serialised once however many clients (and replays) send it, and not at all when no one
    // does. Two clients may race to fill it; both compute the same text.
    private string? _json;

    /// <summary>The record as one line of JSON.</summary>
    public string Json(JsonEventFormat format) => _json ??= Node is null ? format.Serialize(Data) : format.Serialize(Data, Node);

    /// <summary>The records streamed, by SSE event kind.</summary>
    public static readonly IReadOnlyDictionary<Type, string> Kinds = new Dictionary<Type, string>
    {
        [typeof(PackTelemetry)] = EventKinds.PackTelemetry,
        [typeof(BankTelemetry)] = EventKinds.BankTelemetry,
        [typeof(AdapterStateChanged)] = EventKinds.AdapterState,
        [typeof(FailoverOccurred)] = EventKinds.Failover,
        [typeof(BankAlarm)] = EventKinds.BankAlarm,
        [typeof(BankEnergy)] = EventKinds.Energy,
        [typeof(AlertRaised)] = EventKinds.AlertRaised,
        [typeof(AlertCleared)] = EventKinds.AlertCleared,
    };

    /// <summary>
    /// Reads <c>?kinds=a,b</c>: the record types to stream (all when absent). False, with the bad kind named, for an
    /// unknown one.
    /// </summary>
    public static bool TryParseKinds(string? text, out IReadOnlyCollection<Type> types, out string? error)
    {
        types = Kinds.Keys.ToList();
        error = null;
        if (string.IsNullOrWhiteSpace(text)) return true;
        var byName = Kinds.ToDictionary(k => k.Value, k => k.Key);
        var chosen = new HashSet<Type>();
        foreach (var name in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!byName.TryGetValue(name, out var type))
            {
                error = $"kinds: '{name}' is not one of {string.Join(", ", Kinds.Values)}";
                return false;
            }
            chosen.Add(type);
        }
        types = chosen;
        return true;
    }

    public static string? BankOf(object record) => record switch
    {
        PackTelemetry p => p.BankId,
        BankTelemetry b => b.BankId,
        AdapterStateChanged a => a.BankId,
        FailoverOccurred f => f.BankId,
        BankAlarm a => a.BankId,
        BankEnergy e => e.BankId,
        AlertRaised r => r.BankId,
        AlertCleared c => c.BankId,
        _ => null,
    };
}

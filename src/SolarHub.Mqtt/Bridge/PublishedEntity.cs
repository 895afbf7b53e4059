namespace SolarHub.Mqtt.Bridge;

/// <summary>
/// What the bridge knows of one bank or pack and what it last told the broker: the latest telemetry (kept, not
/// queued: only the newest is ever published), whether it changed since, which availability was said, and which
/// discovery topics hold a retained config for it.
/// </summary>
internal sealed class PublishedEntity<T> where T : class
{
    public T? Latest { get; private set; }
    public DateTimeOffset ReceivedAt { get; private set; }
    public bool StateDirty { get; set; }
    public bool? SaidAvailable { get; set; }
    public HashSet<string> DiscoveryTopics { get; } = new(StringComparer.Ordinal);

    /// <summary>Its topics under the current base topic; null until first needed and after the broker configuration changed.</summary>
    public EntityTopics? Topics { get; set; }

    public void Update(T telemetry, DateTimeOffset now)
    {
        Latest = telemetry;
        ReceivedAt = now;
        StateDirty = true;
    }

    /// <summary>Fresh: data came, the bank did not call it stale, and it is recent (a bank that stopped reporting says nothing).</summary>
    public bool IsAvailable(Func<T, bool> stale, DateTimeOffset now, TimeSpan staleAfter) =>
        Latest is not null && !stale(Latest) && now - ReceivedAt <= staleAfter;

    /// <summary>After a (re)connect the broker may know nothing of us: say everything again.</summary>
    public void ForgetWhatWasSaid()
    {
        SaidAvailable = null;
        StateDirty = Latest is not null;
    }
}

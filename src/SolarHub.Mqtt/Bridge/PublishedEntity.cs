using SolarHub.Mqtt.Connection;

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

    /// <summary>
    /// Sends what changed since the last flush on its <see cref="Topics"/> (set by then). Going unavailable is said
    /// before the last state, coming back after the new one: Home Assistant never shows old values as live, not even
    /// for a moment.
    /// </summary>
    public void Say(Func<T, bool> stale, Func<T, byte[]> payload, DateTimeOffset now, TimeSpan staleAfter, Action<MqttMessage> send)
    {
        var (stateTopic, availabilityTopic) = Topics!;
        var available = IsAvailable(stale, now, staleAfter);
        var changed = SaidAvailable != available;
        if (changed && !available) send(MqttMessage.Text(availabilityTopic, MqttTopics.Offline, retain: true));
        if (StateDirty && Latest is { } latest)
        {
            send(new MqttMessage(stateTopic, payload(latest), Retain: false));
            StateDirty = false;
        }
        if (changed && available) send(MqttMessage.Text(availabilityTopic, MqttTopics.Online, retain: true));
        SaidAvailable = available;
    }

    /// <summary>Sends the discovery configs, and clears the ones published before that this set no longer has (e.g. fewer cells).</summary>
    public void Discover(IEnumerable<MqttMessage> configs, Action<MqttMessage> send)
    {
        var now = new HashSet<string>(StringComparer.Ordinal);
        foreach (var config in configs)
        {
            send(config);
            now.Add(config.Topic);
        }
        foreach (var gone in DiscoveryTopics.Where(t => !now.Contains(t))) send(MqttMessage.Clear(gone));
        DiscoveryTopics.Clear();
        DiscoveryTopics.UnionWith(now);
    }

    /// <summary>A new broker configuration: its topics are other ones, and nothing is published there yet.</summary>
    public void ForgetBroker()
    {
        DiscoveryTopics.Clear();
        Topics = null;
    }

    /// <summary>After a (re)connect the broker may know nothing of us: say everything again.</summary>
    public void ForgetWhatWasSaid()
    {
        SaidAvailable = null;
        StateDirty = Latest is not null;
    }
}

namespace SolarHub.Mqtt.Bridge;

/// <summary>
/// The retained topics of removed banks, packs and alert sensors whose clear the broker has not acknowledged yet. A
/// clear told to a connection that has just lost the broker (the bridge learns it a message later) is gone, so each
/// stays here until confirmed and is sent again on every connect, also of a new connection to the same broker (other
/// credentials or client id); clearing twice is harmless.
/// </summary>
internal sealed class UnconfirmedClears
{
    // The id of each topic's latest clear: a confirmation of an earlier one (the topic was published again since, e.g. a
    // bank removed, added back and removed again) does not settle the latest.
    private readonly Dictionary<string, long> _latest = new(StringComparer.Ordinal);
    private long _lastId;

    public IEnumerable<(string Topic, long Id)> All => _latest.Select(p => (p.Key, p.Value));

    /// <summary>Keeps <paramref name="topic"/> to clear; returns the id its confirmation will carry.</summary>
    public long Add(string topic) => _latest[topic] = ++_lastId;

    public void Confirmed(string topic, long id)
    {
        if (_latest.TryGetValue(topic, out var latest) && latest == id) _latest.Remove(topic);
    }

    /// <summary>Forgets them all: they were another broker's.</summary>
    public void Clear() => _latest.Clear();
}

namespace SolarHub.Mqtt;

/// <summary>The clocks of the MQTT output. The defaults suit a broker on the LAN; tests shorten them.</summary>
/// <param name="PublishInterval">A state topic is published at most once per interval; the latest values win (a pack reports several frames a second).</param>
/// <param name="StaleAfter">A bank or pack that reported nothing for this long is shown unavailable even if the bank did not say it is stale (e.g. its actor is gone).</param>
/// <param name="ReconnectMin">First wait before reconnecting to a broker that went away; doubles up to <paramref name="ReconnectMax"/>.</param>
/// <param name="KeepAlive">MQTT keep-alive: how soon the broker notices a silent hub and publishes its last will.</param>
public sealed record MqttTimings(
    TimeSpan PublishInterval,
    TimeSpan StaleAfter,
    TimeSpan ReconnectMin,
    TimeSpan ReconnectMax,
    TimeSpan ConnectTimeout,
    TimeSpan KeepAlive)
{
    public static MqttTimings Default { get; } = new(
        PublishInterval: TimeSpan.FromSeconds(1),
        StaleAfter: TimeSpan.FromSeconds(10),
        ReconnectMin: TimeSpan.FromSeconds(1),
        ReconnectMax: TimeSpan.FromSeconds(30),
        ConnectTimeout: TimeSpan.FromSeconds(10),
        KeepAlive: TimeSpan.FromSeconds(15));

    /// <summary>
    /// When Home Assistant says it is back (<c>&lt;discovery-prefix&gt;/status</c> = online), discovery, availability
    /// and state are sent again after a random wait up to this, so many hubs do not answer in one burst.
    /// </summary>
    public TimeSpan RediscoveryDelayMax { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// At its start the bridge asks what alerts are raised (on a cluster, every member's) and says no alert state before
    /// the answer, so that a problem sensor that is ON does not flap OFF and ON again at each restart or move (an
    /// automation would fire again). Without an answer within this, it says what it has.
    /// </summary>
    public TimeSpan AlertsWaitMax { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The wait before reconnect attempt <paramref name="attempt"/> (0-based): doubling, capped.</summary>
    public TimeSpan ReconnectDelay(int attempt) =>
        TimeSpan.FromTicks(Math.Min(ReconnectMax.Ticks, ReconnectMin.Ticks * (1L << Math.Min(attempt, 20))));
}

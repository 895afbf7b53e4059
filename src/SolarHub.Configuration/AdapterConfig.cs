using SolarHub.Protocol.Jk;

namespace SolarHub.Configuration;

/// <summary>One adapter attached to a bank: protocol, transport, and where it stands in the failover order.</summary>
/// <param name="Priority">Lower is preferred (1 = primary), from <see cref="MinPriority"/> to <see cref="MaxPriority"/>.</param>
/// <param name="PollTimeout">Active mode: how long to wait for a pack's answer.</param>
/// <param name="PollGap">Active mode: the quiet time kept between two polls (JK packs need ≥ 120 ms).</param>
public sealed record AdapterConfig(
    string Id,
    AdapterProtocol Protocol,
    TransportSettings Transport,
    int Priority = 1,
    bool Enabled = true,
    JkLayout Layout = JkLayout.JK02_32S,
    TimeSpan? PollTimeout = null,
    TimeSpan? PollGap = null)
{
    /// <summary>The preferred adapter's priority; nothing comes before it.</summary>
    public const int MinPriority = 1;

    /// <summary>Far more adapters than a bank has, small enough to read and to type.</summary>
    public const int MaxPriority = 1000;

    /// <summary>
    /// The cluster node the adapter's port is attached to (see docs/cluster.md): a serial adapter in a cluster must name
    /// one and is opened only there; null: any node may open it (TCP), or the only node when not clustered.
    /// </summary>
    public string? Node { get; init; }

    public TimeSpan EffectivePollTimeout => PollTimeout ?? TimeSpan.FromSeconds(1);
    public TimeSpan EffectivePollGap => PollGap ?? TimeSpan.FromMilliseconds(150);

    // Without a node the text is as it always was: scripts and tests read it.
    public string Describe() =>
        $"{Id} ({(Protocol == AdapterProtocol.JkPassive ? "jk-passive" : "jk-active")} {Transport.Describe()}, priority {Priority}{(Enabled ? "" : ", disabled")}{(Node is null ? "" : $", node {Node}")})";
}

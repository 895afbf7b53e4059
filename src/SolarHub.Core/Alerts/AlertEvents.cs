using SolarHub.Configuration.Alerts;

namespace SolarHub.Core.Alerts;

// What the alert watcher publishes on the event stream: the API streams them, MQTT shows them, the webhook POSTs them.

/// <summary>A rule's threshold was crossed for its whole duration.</summary>
/// <param name="Pack">The pack, for a rule judged per pack; null for the bank's own (SOC, standby adapter, Down).</param>
/// <param name="Value">The value that raised it (1 for a condition).</param>
/// <param name="Threshold">The raise threshold it reached.</param>
public sealed record AlertRaised(string BankId, AlertKind Kind, byte? Pack, double Value, double Threshold, DateTimeOffset At, string Message)
{
    /// <summary>The rule's name as users write it: <c>cell_delta</c>.</summary>
    public string Rule => AlertKinds.Of(Kind).Key;
}

/// <summary>The value was back past the clear threshold for the rule's duration, or the rule was switched off or the bank removed.</summary>
/// <param name="Threshold">The clear threshold it passed.</param>
public sealed record AlertCleared(string BankId, AlertKind Kind, byte? Pack, double Value, double Threshold, DateTimeOffset At, string Message)
{
    public string Rule => AlertKinds.Of(Kind).Key;
}

/// <summary>An alert that is raised now, as <c>GET /api/alerts</c> lists it.</summary>
public sealed record ActiveAlert(string BankId, AlertKind Kind, byte? Pack, double Value, double Threshold, DateTimeOffset Since, string Message)
{
    public string Rule => AlertKinds.Of(Kind).Key;

    /// <summary>The cluster member whose watcher raised it (the node that runs the bank); null on a node that is not clustered.</summary>
    public string? Node { get; init; }
}

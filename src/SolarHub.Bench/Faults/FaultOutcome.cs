namespace SolarHub.Bench.Faults;

/// <summary>
/// One row of <c>solarhub bench faults</c>: what a fault did to a hub on loopback. Times are null where they do not
/// apply (a fault that must not cause a failover has no failover time).
/// </summary>
/// <param name="Fault">The fault's name in the table, e.g. <c>rst</c>, <c>half-open</c>, <c>database read-only</c>.</param>
/// <param name="Detection">From the fault to the hub noticing it (an adapter leaving Healthy, a refused write, ...).</param>
/// <param name="Failover">From the fault to fresh telemetry through another adapter.</param>
/// <param name="Recovery">From the fault clearing to the hub being as before it (the preferred adapter active again, writes stored).</param>
/// <param name="FalseFailovers">Failovers that should not have happened (e.g. on a live bus with one dead pack).</param>
/// <param name="TelemetryGap">The longest time without fresh telemetry of the bank around the fault.</param>
/// <param name="ExceptionsLogged">Stack traces in the hub's log during the row (must be 0: faults are expected, not exceptional).</param>
/// <param name="Lost">Acknowledged things missing afterwards: configuration changes, history rows, events (must be 0).</param>
/// <param name="Survived">The row's own verdict: every expectation of this fault held.</param>
/// <param name="Note">What the row saw, in a few words (the reason given by the hub, the figure that failed).</param>
public sealed record FaultOutcome(
    string Fault,
    TimeSpan? Detection,
    TimeSpan? Failover,
    TimeSpan? Recovery,
    int FalseFailovers,
    TimeSpan? TelemetryGap,
    int ExceptionsLogged,
    int Lost,
    bool Survived,
    string Note);

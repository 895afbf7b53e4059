using SolarHub.Configuration.Alerts;

namespace SolarHub.Core.Alerts;

/// <summary>
/// One rule judged on one series of values (a pack's cell delta, a bank's SOC). Pure: the caller gives each value with
/// its time. Raised once the value has been at or past the raise threshold for the rule's whole duration; cleared once
/// it has been back at or past the clear threshold for as long. A value between the two changes nothing and restarts
/// neither wait, so a value hovering at one threshold cannot make the alert flap, and a dip shorter than the duration
/// neither raises nor clears.
/// </summary>
public sealed class AlertCondition(AlertRule rule)
{
    // When the value first stood where it would change the state (raise while clear, clear while raised); null: it does not.
    private DateTimeOffset? _pendingSince;

    /// <summary>The rule; may change while the condition lives (a new threshold applies to the next value).</summary>
    public AlertRule Rule { get; set; } = rule;

    public bool Active { get; private set; }

    /// <summary>When it was raised (while <see cref="Active"/>).</summary>
    public DateTimeOffset Since { get; private set; }

    /// <summary>The latest value observed (NaN before the first).</summary>
    public double Value { get; private set; } = double.NaN;

    public AlertTransition Observe(double value, DateTimeOffset now)
    {
        Value = value;
        var above = Rule.Spec.Above;
        bool pushing = Active
            ? (above ? value <= Rule.Clear : value >= Rule.Clear)
            : (above ? value >= Rule.Raise : value <= Rule.Raise);
        if (!pushing)
        {
            _pendingSince = null;
            return AlertTransition.None;
        }
        _pendingSince ??= now;
        if (now - _pendingSince.Value < Rule.For) return AlertTransition.None;

        _pendingSince = null;
        Active = !Active;
        if (Active) Since = now;
        return Active ? AlertTransition.Raised : AlertTransition.Cleared;
    }

    /// <summary>The values stopped (a stale pack): a wait in progress starts again with the next live value.</summary>
    public void Interrupt() => _pendingSince = null;

    /// <summary>The last value again at <paramref name="now"/>: a duration can end while no new value comes.</summary>
    public AlertTransition Recheck(DateTimeOffset now) => double.IsNaN(Value) ? AlertTransition.None : Observe(Value, now);
}

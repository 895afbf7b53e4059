namespace SolarHub.Core.Banks;

/// <summary>
/// When the bank publishes its totals. An interval that is a whole number of ticks rides on the tick (one clock per
/// bank, not two); any other interval needs a timer of its own.
/// </summary>
public sealed class TelemetryCadence
{
    private readonly int _ticksPerTelemetry;
    private int _ticksLeft;

    public TelemetryCadence(TimeSpan tickInterval, TimeSpan telemetryInterval)
    {
        _ticksPerTelemetry = telemetryInterval >= tickInterval && telemetryInterval.Ticks % tickInterval.Ticks == 0
            ? (int)(telemetryInterval.Ticks / tickInterval.Ticks)
            : 0;
        _ticksLeft = _ticksPerTelemetry;
    }

    public bool RidesOnTick => _ticksPerTelemetry > 0;

    /// <summary>Counts a tick; true when this tick publishes the totals.</summary>
    public bool Tick()
    {
        if (!RidesOnTick || --_ticksLeft > 0) return false;
        _ticksLeft = _ticksPerTelemetry;
        return true;
    }
}

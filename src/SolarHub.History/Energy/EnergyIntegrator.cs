namespace SolarHub.History.Energy;

/// <summary>
/// One pack's energy, integrated from its fresh readings: power (voltage x current, positive while charging) between
/// two consecutive readings is taken to change linearly, so each interval adds the area of a trapezoid, split where the
/// power crosses zero so that charge and discharge within one interval are each counted on their own side. A gap longer
/// than <c>maxGap</c> (or one the bank called stale) is not bridged: nothing is invented for it, and counting starts
/// again at the next reading. A reading not newer than the last one adds nothing.
/// </summary>
public sealed class EnergyIntegrator(TimeSpan maxGap)
{
    private DateTimeOffset _at;
    private double _power;
    private bool _anchored;

    /// <summary>The energy between the previous reading and this one.</summary>
    public EnergyDelta Add(DateTimeOffset at, double voltage, double current)
    {
        double power = voltage * current;
        if (!double.IsFinite(power)) return EnergyDelta.Zero; // nothing a pack can measure: the reading is skipped
        if (!_anchored)
        {
            Anchor(at, power);
            return EnergyDelta.Zero;
        }
        var gap = at - _at;
        if (gap <= TimeSpan.Zero) return EnergyDelta.Zero;
        double p0 = _power;
        Anchor(at, power);
        if (gap > maxGap) return EnergyDelta.Zero;
        return Trapezoid(p0, power, gap.TotalHours);
    }

    /// <summary>The pack went stale: the next reading starts counting afresh.</summary>
    public void Break() => _anchored = false;

    private void Anchor(DateTimeOffset at, double power)
    {
        _at = at;
        _power = power;
        _anchored = true;
    }

    /// <summary>Watt-hours of a power going linearly from <paramref name="p0"/> to <paramref name="p1"/> over <paramref name="hours"/>.</summary>
    public static EnergyDelta Trapezoid(double p0, double p1, double hours)
    {
        if (p0 >= 0 && p1 >= 0) return new EnergyDelta((p0 + p1) / 2 * hours, 0);
        if (p0 <= 0 && p1 <= 0) return new EnergyDelta(0, -(p0 + p1) / 2 * hours);
        // The sign changes: zero at fraction f of the interval; a triangle on each side.
        double f = p0 / (p0 - p1);
        double first = p0 * f * hours / 2, second = p1 * (1 - f) * hours / 2;
        return p0 > 0 ? new EnergyDelta(first, -second) : new EnergyDelta(second, -first);
    }
}

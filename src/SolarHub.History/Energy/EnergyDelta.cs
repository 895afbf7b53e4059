namespace SolarHub.History.Energy;

/// <summary>Energy charged into and discharged from a pack or bank, in watt-hours, both never negative.</summary>
public readonly record struct EnergyDelta(double ChargedWh, double DischargedWh)
{
    public static EnergyDelta Zero => default;

    public static EnergyDelta operator +(EnergyDelta a, EnergyDelta b) => new(a.ChargedWh + b.ChargedWh, a.DischargedWh + b.DischargedWh);
}

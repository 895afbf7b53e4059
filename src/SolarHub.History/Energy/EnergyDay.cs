namespace SolarHub.History.Energy;

/// <summary>Energy charged and discharged on one UTC day, in kWh.</summary>
public sealed record EnergyDay(DateOnly Day, double ChargedKwh, double DischargedKwh);

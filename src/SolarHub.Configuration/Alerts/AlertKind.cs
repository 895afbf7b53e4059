namespace SolarHub.Configuration.Alerts;

/// <summary>What an alert rule watches. The names are part of the stored format: never rename one, add new ones.</summary>
public enum AlertKind
{
    /// <summary>A pack's highest minus lowest cell voltage, V (raised above).</summary>
    CellDelta,
    /// <summary>A pack's lowest cell voltage, V (raised below).</summary>
    CellMin,
    /// <summary>A pack's highest cell voltage, V (raised above).</summary>
    CellMax,
    /// <summary>A pack's warmest temperature sensor, °C (raised above).</summary>
    PackTemperatureHigh,
    /// <summary>A pack's coldest temperature sensor, °C (raised below).</summary>
    PackTemperatureLow,
    /// <summary>A pack's MOSFET temperature, °C (raised above).</summary>
    MosTemperature,
    /// <summary>The bank's state of charge, % (raised below).</summary>
    SocLow,
    /// <summary>A pack sends no fresh data.</summary>
    PackStale,
    /// <summary>The bank reads through an adapter other than its preferred enabled one.</summary>
    StandbyAdapter,
    /// <summary>No adapter of the bank delivers data.</summary>
    BankDown,
}

namespace SolarHub.Configuration.Alerts;

/// <summary>
/// Every kind of alert with its built-in rule, chosen for LiFePO4 (3.2 V nominal cells): a user who sets nothing
/// gets these. docs/configuration.md ("Alert rules") gives the reason for each figure.
/// </summary>
public static class AlertKinds
{
    private static AlertSpec Value(AlertKind kind, string key, string title, string unit, bool above, bool perPack,
        double raise, double clear, double seconds, double min, double max) =>
        new(kind, key, title, unit, above, perPack, HasThresholds: true, min, max, new AlertRule(kind, true, raise, clear, TimeSpan.FromSeconds(seconds)));

    private static AlertSpec Condition(AlertKind kind, string key, string title, bool perPack, double seconds) =>
        new(kind, key, title, "", Above: true, perPack, HasThresholds: false, 0, 1, new AlertRule(kind, true, 1, 0, TimeSpan.FromSeconds(seconds)));

    /// <summary>In <see cref="AlertKind"/> order.</summary>
    public static IReadOnlyList<AlertSpec> All { get; } =
    [
        // Balanced LiFePO4 cells sit within 10-30 mV; 100 mV for a minute means a weak cell or a balancer that cannot keep up.
        Value(AlertKind.CellDelta, "cell_delta", "Cell voltage spread", "V", above: true, perPack: true, 0.10, 0.07, 60, 0, 2),
        // Below about 3.0 V a LiFePO4 cell is nearly empty; 2.9 V is well above the usual 2.5 V BMS cut-off.
        Value(AlertKind.CellMin, "cell_min", "Low cell voltage", "V", above: false, perPack: true, 2.90, 3.00, 10, 0, 5),
        // 3.65 V is the usual absolute charge limit; past it the BMS is about to cut off charging.
        Value(AlertKind.CellMax, "cell_max", "High cell voltage", "V", above: true, perPack: true, 3.65, 3.55, 10, 0, 5),
        // Cells are rated for charge up to 45-55 °C; 50 °C calls for a look before the BMS stops.
        Value(AlertKind.PackTemperatureHigh, "pack_temperature_high", "High pack temperature", "°C", above: true, perPack: true, 50, 45, 30, -40, 150),
        // LiFePO4 must not be charged below 0 °C (lithium plating).
        Value(AlertKind.PackTemperatureLow, "pack_temperature_low", "Low pack temperature", "°C", above: false, perPack: true, 0, 3, 30, -40, 150),
        // JK BMS MOSFETs shut down near 100-120 °C; 80 °C warns while there is room.
        Value(AlertKind.MosTemperature, "mos_temperature", "High MOS temperature", "°C", above: true, perPack: true, 80, 70, 30, -40, 150),
        // Staying above 15-20 % keeps a margin for the night and spares the cells deep cycles.
        Value(AlertKind.SocLow, "soc_low", "Low state of charge", "%", above: false, perPack: false, 15, 20, 60, 0, 100),
        Condition(AlertKind.PackStale, "pack_stale", "Pack not reporting", perPack: true, 30),
        Condition(AlertKind.StandbyAdapter, "standby_adapter", "On a standby adapter", perPack: false, 60),
        Condition(AlertKind.BankDown, "bank_down", "Bank down", perPack: false, 0),
    ];

    private static readonly Dictionary<string, AlertSpec> ByKey = All.ToDictionary(s => s.Key, StringComparer.Ordinal);

    public static AlertSpec Of(AlertKind kind) => All[(int)kind];

    public static bool TryParse(string key, out AlertKind kind)
    {
        var found = ByKey.TryGetValue(key.Trim().Replace('-', '_').ToLowerInvariant(), out var spec);
        kind = found ? spec!.Kind : default;
        return found;
    }

    public static string Keys => string.Join(", ", All.Select(s => s.Key));
}

using SolarHub.Protocol.Jk.Decoding;

namespace SolarHub.Simulator;

/// <summary>
/// Values pinned on a pack by a fault ("change a pack's values"). A set field wins over the drift until cleared;
/// the other values keep following it (pinning the current makes the SOC follow that current).
/// </summary>
public readonly record struct PackOverrides
{
    /// <summary>State of charge, %; the remaining capacity is set to match.</summary>
    public byte? Soc { get; init; }

    /// <summary>Current in mA, negative = discharging.</summary>
    public int? CurrentMa { get; init; }

    /// <summary>Every cell at this voltage, mV.</summary>
    public short? CellVoltageMv { get; init; }

    /// <summary>Every temperature sensor (and the MOSFET) at this temperature, 0.1 °C.</summary>
    public short? TemperatureDeci { get; init; }

    public JkAlarms? Alarms { get; init; }

    public bool IsEmpty => Soc is null && CurrentMa is null && CellVoltageMv is null && TemperatureDeci is null && Alarms is null;

    /// <summary>These overrides with the fields <paramref name="newer"/> sets replaced.</summary>
    public PackOverrides With(PackOverrides newer) => new()
    {
        Soc = newer.Soc ?? Soc,
        CurrentMa = newer.CurrentMa ?? CurrentMa,
        CellVoltageMv = newer.CellVoltageMv ?? CellVoltageMv,
        TemperatureDeci = newer.TemperatureDeci ?? TemperatureDeci,
        Alarms = newer.Alarms ?? Alarms,
    };

    public override string ToString()
    {
        var parts = new List<string>();
        if (Soc is { } soc) parts.Add($"SOC {soc} %");
        if (CurrentMa is { } ma) parts.Add($"current {ma / 1000.0:0.###} A");
        if (CellVoltageMv is { } mv) parts.Add($"cells {mv} mV");
        if (TemperatureDeci is { } t) parts.Add($"temperature {t / 10.0:0.#} °C");
        if (Alarms is { } a) parts.Add($"alarms {a}");
        return parts.Count == 0 ? "nothing" : string.Join(", ", parts);
    }
}

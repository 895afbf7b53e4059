using SolarHub.Core.Telemetry;

namespace SolarHub.Mqtt.HomeAssistant;

/// <summary>
/// The entities of a bank and of a pack, matching the JSON of <see cref="Bridge.StatePayloads"/>. Units are Home
/// Assistant's: V, A, W, %, Ah, °C, kWh.
/// </summary>
public static class HaEntityCatalog
{
    /// <summary>The energy counters of a bank and of a pack (<see cref="Bridge.StatePayloads.Energy"/>).</summary>
    // Before the lists that include it: static fields are initialised in order.
    public static IReadOnlyList<HaEntity> Energy { get; } =
    [
        HaEntity.Energy("energy_charged", "Energy charged", "charged"),
        HaEntity.Energy("energy_discharged", "Energy discharged", "discharged"),
    ];

    public static IReadOnlyList<HaEntity> Bank { get; } =
    [
        HaEntity.Number("voltage", "Voltage", "V", "voltage", 2),
        HaEntity.Number("current", "Current", "A", "current", 1),
        HaEntity.Number("power", "Power", "W", "power", 0),
        HaEntity.Number("soc", "State of charge", "%", "battery", 0),
        HaEntity.Number("remaining_capacity", "Remaining capacity", "Ah", null, 1),
        HaEntity.Number("full_capacity", "Full capacity", "Ah", null, 1),
        HaEntity.Number("cell_min", "Lowest cell voltage", "V", "voltage", 3),
        HaEntity.Number("cell_max", "Highest cell voltage", "V", "voltage", 3),
        HaEntity.Number("cell_delta", "Cell voltage spread", "V", "voltage", 3),
        HaEntity.Number("temperature_min", "Lowest temperature", "°C", "temperature", 1),
        HaEntity.Number("temperature_max", "Highest temperature", "°C", "temperature", 1),
        new("state", "State", "{{ value_json.state }}", DeviceClass: "enum", StateClass: null, FollowsFreshness: false,
            Options: Enum.GetNames<BankState>(), EntityCategory: "diagnostic"),
        new("active_adapter", "Active adapter", "{{ value_json.active_adapter or 'none' }}", StateClass: null, FollowsFreshness: false, EntityCategory: "diagnostic"),
        new("packs_fresh", "Fresh packs", "{{ value_json.packs_fresh }}", FollowsFreshness: false, EntityCategory: "diagnostic"),
        .. Energy,
    ];

    /// <summary>A pack's entities for its shape: one per cell and per temperature sensor it reports.</summary>
    public static IReadOnlyList<HaEntity> Pack(PackShape shape)
    {
        var entities = new List<HaEntity>
        {
            HaEntity.Number("voltage", "Voltage", "V", "voltage", 2),
            HaEntity.Number("current", "Current", "A", "current", 2),
            HaEntity.Number("power", "Power", "W", "power", 0),
            HaEntity.Number("soc", "State of charge", "%", "battery", 0),
            HaEntity.Number("soh", "State of health", "%", null, 0),
            HaEntity.Number("remaining_capacity", "Remaining capacity", "Ah", null, 1),
            HaEntity.Number("full_capacity", "Full capacity", "Ah", null, 1),
            HaEntity.Number("cycles", "Cycles", null, null, 0, stateClass: "total_increasing"),
            // The BMS's own lifetime figure, beside SolarHub's energy counters.
            HaEntity.Number("cycled_capacity", "Cycled capacity", "Ah", null, 1, stateClass: "total_increasing"),
            HaEntity.Number("cell_min", "Lowest cell voltage", "V", "voltage", 3),
            HaEntity.Number("cell_max", "Highest cell voltage", "V", "voltage", 3),
            HaEntity.Number("cell_delta", "Cell voltage spread", "V", "voltage", 3),
        };
        if (shape.HasMosTemperature)
            entities.Add(HaEntity.Number("mos_temperature", "MOS temperature", "°C", "temperature", 1));
        for (int t = 0; t < shape.Temperatures; t++)
            entities.Add(new HaEntity($"temperature_{t + 1}", $"Temperature {t + 1}", $"{{{{ value_json.temperatures[{t}] }}}}", "°C", "temperature", "measurement", 1));
        for (int c = 0; c < shape.Cells; c++)
            entities.Add(new HaEntity($"cell_{c + 1}", $"Cell {c + 1} voltage", $"{{{{ value_json.cells[{c}] }}}}", "V", "voltage", "measurement", 3));
        entities.Add(HaEntity.Flag("charging", "Charging", "battery_charging"));
        entities.Add(HaEntity.Flag("discharging", "Discharging", null));
        entities.Add(HaEntity.Flag("balancing", "Balancing", null));
        entities.AddRange(Energy);
        return entities;
    }
}

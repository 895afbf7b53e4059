namespace SolarHub.Mqtt.HomeAssistant;

/// <summary>
/// One Home Assistant entity read from a state topic's JSON.
/// </summary>
/// <param name="Key">Names the entity within its device (part of its unique id): <c>voltage</c>, <c>cell_3</c>.</param>
/// <param name="Component"><c>sensor</c> or <c>binary_sensor</c>.</param>
/// <param name="FollowsFreshness">False for entities that stay meaningful while the data is stale (the bank's state,
/// its fresh-pack count): they follow only the hub's status, so Home Assistant can show "Down" rather than "unavailable".</param>
/// <param name="Topic">Which of its device's topics the entity reads: the state, or the energy counters.</param>
public sealed record HaEntity(
    string Key,
    string Name,
    string ValueTemplate,
    string? Unit = null,
    string? DeviceClass = null,
    string? StateClass = "measurement",
    int? Precision = null,
    string Component = "sensor",
    bool FollowsFreshness = true,
    IReadOnlyList<string>? Options = null,
    string? EntityCategory = null,
    HaStateTopic Topic = HaStateTopic.State)
{
    public static HaEntity Number(string key, string name, string? unit, string? deviceClass, int precision, string stateClass = "measurement") =>
        new(key, name, $"{{{{ value_json.{key} }}}}", unit, deviceClass, stateClass, precision);

    /// <summary>
    /// An energy counter on the energy topic, as Home Assistant's energy dashboard takes a battery's "energy going in /
    /// out": device class energy, state class total_increasing, kWh. A counter stays true while the data is stale.
    /// </summary>
    public static HaEntity Energy(string key, string name, string field) =>
        new(key, name, $"{{{{ value_json.{field} }}}}", "kWh", "energy", "total_increasing", 3, FollowsFreshness: false, Topic: HaStateTopic.Energy);

    public static HaEntity Flag(string key, string name, string? deviceClass) =>
        new(key, name, $"{{{{ 'ON' if value_json.{key} else 'OFF' }}}}", DeviceClass: deviceClass, StateClass: null, Component: "binary_sensor");
}

/// <summary>The topics of a bank or pack an entity can read.</summary>
public enum HaStateTopic
{
    State,
    Energy,
}

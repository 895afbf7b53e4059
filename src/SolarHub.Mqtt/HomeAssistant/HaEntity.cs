namespace SolarHub.Mqtt.HomeAssistant;

/// <summary>
/// One Home Assistant entity read from a state topic's JSON.
/// </summary>
/// <param name="Key">Names the entity within its device (part of its unique id): <c>voltage</c>, <c>cell_3</c>.</param>
/// <param name="Component"><c>sensor</c> or <c>binary_sensor</c>.</param>
/// <param name="FollowsFreshness">False for entities that stay meaningful while the data is stale (the bank's state,
/// its fresh-pack count): they follow only the hub's status, so Home Assistant can show "Down" rather than "unavailable".</param>
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
    string? EntityCategory = null)
{
    public static HaEntity Number(string key, string name, string? unit, string? deviceClass, int precision, string stateClass = "measurement") =>
        new(key, name, $"{{{{ value_json.{key} }}}}", unit, deviceClass, stateClass, precision);

    public static HaEntity Flag(string key, string name, string? deviceClass) =>
        new(key, name, $"{{{{ 'ON' if value_json.{key} else 'OFF' }}}}", DeviceClass: deviceClass, StateClass: null, Component: "binary_sensor");
}

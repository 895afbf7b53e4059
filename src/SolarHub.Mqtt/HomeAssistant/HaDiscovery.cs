using System.Buffers;
using System.Text.Json;
using SolarHub.Configuration;
using SolarHub.Mqtt.Connection;

namespace SolarHub.Mqtt.HomeAssistant;

/// <summary>
/// Home Assistant MQTT discovery: one retained config message per entity, at
/// <c>&lt;prefix&gt;/&lt;component&gt;/&lt;unique_id&gt;/config</c>. Each names its state topic and two availability
/// topics, both of which must say online (<c>availability_mode: all</c>): the hub's status (its last will says
/// offline) and the bank's or pack's own, which follows freshness. A bank is a device; each pack is a device
/// connected via its bank.
/// </summary>
public sealed class HaDiscovery(MqttConfig config)
{
    private readonly MqttTopics _topics = new(config);
    private readonly string _prefix = config.DiscoveryPrefix;

    public IEnumerable<MqttMessage> Bank(string bankId, string bankName) =>
        HaEntityCatalog.Bank.Select(entity => Message(entity, _topics.BankDeviceId(bankId),
            entity.Topic == HaStateTopic.Energy ? _topics.BankEnergy(bankId) : _topics.BankState(bankId), _topics.BankAvailability(bankId),
            writeDevice: w =>
            {
                WriteIdentifiers(w, _topics.BankDeviceId(bankId));
                w.WriteString("name", bankName);
                w.WriteString("manufacturer", "SolarHub");
                w.WriteString("model", "Battery bank");
            }));

    public IEnumerable<MqttMessage> Pack(string bankId, string bankName, byte address, PackShape shape) =>
        HaEntityCatalog.Pack(shape).Select(entity => Message(entity, _topics.PackDeviceId(bankId, address),
            entity.Topic == HaStateTopic.Energy ? _topics.PackEnergy(bankId, address) : _topics.PackState(bankId, address),
            _topics.PackAvailability(bankId, address),
            writeDevice: w =>
            {
                WriteIdentifiers(w, _topics.PackDeviceId(bankId, address));
                w.WriteString("name", $"{bankName} pack {address}");
                w.WriteString("manufacturer", "JK BMS");
                w.WriteString("model", "Battery pack");
                w.WriteString("via_device", _topics.BankDeviceId(bankId));
            }));

    public string UniqueId(string deviceId, HaEntity entity) => $"{deviceId}_{entity.Key}";

    public string ConfigTopic(HaEntity entity, string uniqueId) => $"{_prefix}/{entity.Component}/{uniqueId}/config";

    private MqttMessage Message(HaEntity entity, string deviceId, string stateTopic, string availabilityTopic, Action<Utf8JsonWriter> writeDevice)
    {
        var uniqueId = UniqueId(deviceId, entity);
        var buffer = new ArrayBufferWriter<byte>(768);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("name", entity.Name);
            w.WriteString("unique_id", uniqueId);
            w.WriteString("state_topic", stateTopic);
            w.WriteString("value_template", entity.ValueTemplate);
            if (entity.Unit is { } unit) w.WriteString("unit_of_measurement", unit);
            if (entity.DeviceClass is { } deviceClass) w.WriteString("device_class", deviceClass);
            if (entity.StateClass is { } stateClass) w.WriteString("state_class", stateClass);
            if (entity.Precision is { } precision) w.WriteNumber("suggested_display_precision", precision);
            if (entity.EntityCategory is { } category) w.WriteString("entity_category", category);
            if (entity.Options is { } options)
            {
                w.WriteStartArray("options");
                foreach (var option in options) w.WriteStringValue(option);
                w.WriteEndArray();
            }
            if (entity.Component == "binary_sensor")
            {
                w.WriteString("payload_on", "ON");
                w.WriteString("payload_off", "OFF");
            }

            // With an availability list Home Assistant reads the payloads of each entry and ignores top-level ones.
            w.WriteStartArray("availability");
            WriteAvailability(w, _topics.Status);
            if (entity.FollowsFreshness) WriteAvailability(w, availabilityTopic);
            w.WriteEndArray();
            w.WriteString("availability_mode", "all");

            w.WriteStartObject("device");
            writeDevice(w);
            w.WriteEndObject();
            w.WriteStartObject("origin");
            w.WriteString("name", "SolarHub");
            w.WriteEndObject();
            w.WriteEndObject();
        }
        return new MqttMessage(ConfigTopic(entity, uniqueId), buffer.WrittenSpan.ToArray(), Retain: true);
    }

    private static void WriteIdentifiers(Utf8JsonWriter w, string id)
    {
        w.WriteStartArray("identifiers");
        w.WriteStringValue(id);
        w.WriteEndArray();
    }

    private static void WriteAvailability(Utf8JsonWriter w, string topic)
    {
        w.WriteStartObject();
        w.WriteString("topic", topic);
        w.WriteString("payload_available", MqttTopics.Online);
        w.WriteString("payload_not_available", MqttTopics.Offline);
        w.WriteEndObject();
    }
}

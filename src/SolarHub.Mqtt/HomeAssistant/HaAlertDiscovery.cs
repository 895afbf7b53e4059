using System.Buffers;
using System.Text.Json;
using SolarHub.Configuration;
using SolarHub.Configuration.Alerts;
using SolarHub.Mqtt.Connection;

namespace SolarHub.Mqtt.HomeAssistant;

/// <summary>
/// An alert rule of a bank as a Home Assistant <c>binary_sensor</c> of <c>device_class: problem</c>, on the bank's device
/// (the same identifiers as its other entities): state <c>ON</c> while the alert is raised (for any pack), <c>OFF</c>
/// otherwise, retained at <c>&lt;base&gt;/&lt;bank&gt;/alert/&lt;rule&gt;</c>. It follows only the hub's status: an
/// alert must show while the bank's data is stale (pack stale, bank Down are alerts themselves).
/// </summary>
public sealed class HaAlertDiscovery(MqttConfig config)
{
    private readonly MqttTopics _topics = new(config);

    public string StateTopic(string bankId, AlertKind kind) => $"{_topics.Base}/{MqttTopics.Segment(bankId)}/alert/{AlertKinds.Of(kind).Key}";

    public string UniqueId(string bankId, AlertKind kind) => $"{_topics.BankDeviceId(bankId)}_alert_{AlertKinds.Of(kind).Key}";

    public string ConfigTopic(string bankId, AlertKind kind) => $"{config.DiscoveryPrefix}/binary_sensor/{UniqueId(bankId, kind)}/config";

    public MqttMessage Config(string bankId, string bankName, AlertKind kind)
    {
        var spec = AlertKinds.Of(kind);
        var buffer = new ArrayBufferWriter<byte>(640);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("name", $"{spec.Title} alert");
            w.WriteString("unique_id", UniqueId(bankId, kind));
            w.WriteString("state_topic", StateTopic(bankId, kind));
            w.WriteString("device_class", "problem");
            w.WriteString("payload_on", "ON");
            w.WriteString("payload_off", "OFF");
            w.WriteStartArray("availability");
            w.WriteStartObject();
            w.WriteString("topic", _topics.Status);
            w.WriteString("payload_available", MqttTopics.Online);
            w.WriteString("payload_not_available", MqttTopics.Offline);
            w.WriteEndObject();
            w.WriteEndArray();
            // The bank's device as HaDiscovery describes it, so the sensor joins the bank's other entities.
            w.WriteStartObject("device");
            w.WriteStartArray("identifiers");
            w.WriteStringValue(_topics.BankDeviceId(bankId));
            w.WriteEndArray();
            w.WriteString("name", bankName);
            w.WriteString("manufacturer", "SolarHub");
            w.WriteString("model", "Battery bank");
            w.WriteEndObject();
            w.WriteStartObject("origin");
            w.WriteString("name", "SolarHub");
            w.WriteEndObject();
            w.WriteEndObject();
        }
        return new MqttMessage(ConfigTopic(bankId, kind), buffer.WrittenSpan.ToArray(), Retain: true);
    }
}

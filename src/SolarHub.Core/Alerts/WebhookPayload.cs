using System.Buffers;
using System.Text.Json;

namespace SolarHub.Core.Alerts;

/// <summary>
/// The JSON POSTed for a raise or a clear (docs/configuration.md, "Alert webhook"): the event, bank, rule, pack, value,
/// threshold, time and a sentence for people, in snake_case as MQTT's payloads are.
/// </summary>
public static class WebhookPayload
{
    public static byte[] Of(object alert) => alert switch
    {
        AlertRaised r => Write("alert-raised", r.BankId, r.Rule, r.Pack, r.Value, r.Threshold, r.At, r.Message),
        AlertCleared c => Write("alert-cleared", c.BankId, c.Rule, c.Pack, c.Value, c.Threshold, c.At, c.Message),
        _ => throw new ArgumentException($"{alert.GetType().Name} is not an alert", nameof(alert)),
    };

    private static byte[] Write(string kind, string bank, string rule, byte? pack, double value, double threshold, DateTimeOffset at, string message)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("event", kind);
            w.WriteString("bank", bank);
            w.WriteString("rule", rule);
            if (pack is { } address) w.WriteNumber("pack", address);
            else w.WriteNull("pack");
            w.WriteNumber("value", Math.Round(value, 3));
            w.WriteNumber("threshold", threshold);
            w.WriteString("at", at);
            w.WriteString("message", message);
            w.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }
}

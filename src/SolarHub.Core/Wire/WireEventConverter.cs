using System.Text.Json;
using System.Text.Json.Serialization;

namespace SolarHub.Core.Wire;

/// <summary>
/// An <c>object</c> that is one of <see cref="WireTypes"/>' messages, written inline as <c>{"type": "name", "data": {...}}</c>:
/// unlike <see cref="AkkaMessageConverter"/> (base64 of another serializer's bytes, a third larger), it costs nothing
/// beyond the message's own JSON, which matters for telemetry relayed every second per pack.
/// </summary>
internal sealed class WireEventConverter : JsonConverter<object>
{
    public override object? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject) throw new JsonException($"expected a wire message, found {reader.TokenType}");
        WireTypes.Row? row = null;
        object? data = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            string? name = reader.GetString();
            reader.Read();
            switch (name)
            {
                case "type":
                    var typeName = reader.GetString() ?? "";
                    row = WireTypes.TryGet(typeName, out var found) ? found : throw new JsonException($"unknown SolarHub wire type '{typeName}'");
                    break;
                case "data" when row is not null:
                    data = row.Singleton ?? JsonSerializer.Deserialize(ref reader, row.Type, options);
                    if (row.Singleton is not null) reader.Skip();
                    break;
                default: reader.Skip(); break;
            }
        }
        return data ?? throw new JsonException("a wire message needs its type before its data");
    }

    public override void Write(Utf8JsonWriter writer, object value, JsonSerializerOptions options)
    {
        if (!WireTypes.TryGet(value.GetType(), out var row))
            throw new JsonException($"{value.GetType()} has no SolarHub wire name: add a row to {nameof(WireTypes)}");
        writer.WriteStartObject();
        writer.WriteString("type", row.Name);
        writer.WritePropertyName("data");
        JsonSerializer.Serialize(writer, value, row.Type, options);
        writer.WriteEndObject();
    }
}

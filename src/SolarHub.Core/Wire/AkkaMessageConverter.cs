using System.Text.Json;
using System.Text.Json.Serialization;
using Akka.Actor;

namespace SolarHub.Core.Wire;

/// <summary>
/// A property typed <c>object</c> (<see cref="Banks.BankEnvelope.Message"/>) holds any message, so it is written by the
/// serializer Akka binds to its runtime type, as <c>{"serializer": id, "manifest": "…", "bytes": "base64"}</c>: an
/// envelope carries whatever Akka can carry, including this serializer's own messages.
/// </summary>
internal sealed class AkkaMessageConverter(ExtendedActorSystem system) : JsonConverter<object>
{
    public override object? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject) throw new JsonException($"expected a serialized message, found {reader.TokenType}");
        int? serializerId = null;
        string manifest = "";
        byte[]? bytes = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            string? name = reader.GetString();
            reader.Read();
            switch (name)
            {
                case "serializer": serializerId = reader.GetInt32(); break;
                case "manifest": manifest = reader.GetString() ?? ""; break;
                case "bytes": bytes = reader.GetBytesFromBase64(); break;
                default: reader.Skip(); break;
            }
        }
        if (serializerId is null || bytes is null) throw new JsonException("a serialized message needs its serializer and bytes");
        return system.Serialization.Deserialize(bytes, serializerId.Value, manifest);
    }

    public override void Write(Utf8JsonWriter writer, object value, JsonSerializerOptions options)
    {
        var serializer = system.Serialization.FindSerializerFor(value);
        writer.WriteStartObject();
        writer.WriteNumber("serializer", serializer.Identifier);
        writer.WriteString("manifest", Akka.Serialization.Serialization.ManifestFor(serializer, value));
        writer.WriteBase64String("bytes", serializer.ToBinary(value));
        writer.WriteEndObject();
    }
}

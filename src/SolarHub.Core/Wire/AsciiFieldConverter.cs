using System.Text.Json;
using System.Text.Json.Serialization;
using SolarHub.Protocol.Jk.Decoding;

namespace SolarHub.Core.Wire;

/// <summary>
/// An <see cref="AsciiField"/> (device-info text) as base64 of its raw bytes: a corrupt field may hold bytes that are
/// not text, and its string form replaces those with '?', so only the bytes make the device info equal on the other node.
/// </summary>
public sealed class AsciiFieldConverter : JsonConverter<AsciiField>
{
    public override AsciiField Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        byte[] bytes = reader.GetBytesFromBase64();
        if (bytes.Length > AsciiField.Capacity) throw new JsonException($"{nameof(AsciiField)} holds at most {AsciiField.Capacity} bytes, got {bytes.Length}");
        return AsciiField.From(bytes);
    }

    public override void Write(Utf8JsonWriter writer, AsciiField value, JsonSerializerOptions options) => writer.WriteBase64StringValue(value);
}

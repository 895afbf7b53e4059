using System.Text.Json;
using System.Text.Json.Serialization;
using SolarHub.Protocol.Jk.Decoding;

namespace SolarHub.Core.Wire;

/// <summary>A <see cref="TemperatureArray"/> (sensors T1..T5 in 0.1 °C) as an array of numbers.</summary>
public sealed class TemperatureArrayConverter : JsonConverter<TemperatureArray>
{
    public override TemperatureArray Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var temperatures = new TemperatureArray();
        InlineNumbers.Read(ref reader, temperatures, nameof(TemperatureArray));
        return temperatures;
    }

    public override void Write(Utf8JsonWriter writer, TemperatureArray value, JsonSerializerOptions options) => InlineNumbers.Write(writer, value);
}

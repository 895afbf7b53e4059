using System.Text.Json;
using System.Text.Json.Serialization;
using SolarHub.Protocol.Jk.Decoding;

namespace SolarHub.Core.Wire;

/// <summary>A <see cref="CellArray"/> (cell voltages in mV, resistances in mΩ) as an array of numbers.</summary>
public sealed class CellArrayConverter : JsonConverter<CellArray>
{
    public override CellArray Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var cells = new CellArray();
        InlineNumbers.Read(ref reader, cells, nameof(CellArray));
        return cells;
    }

    public override void Write(Utf8JsonWriter writer, CellArray value, JsonSerializerOptions options) => InlineNumbers.Write(writer, value);
}

using System.Text.Json;

namespace SolarHub.Core.Wire;

/// <summary>
/// Inline arrays of numbers as JSON arrays. System.Text.Json sees an [InlineArray] struct as an object with no
/// public members and would write <c>{}</c>, losing every value.
/// </summary>
internal static class InlineNumbers
{
    /// <summary>Writes the values up to the last non-zero one: unused cells and sensors are zero, and read back as zero.</summary>
    public static void Write(Utf8JsonWriter writer, ReadOnlySpan<short> values)
    {
        int length = values.Length;
        while (length > 0 && values[length - 1] == 0) length--;
        writer.WriteStartArray();
        foreach (short value in values[..length]) writer.WriteNumberValue(value);
        writer.WriteEndArray();
    }

    public static void Read(ref Utf8JsonReader reader, scoped Span<short> into, string typeName)
    {
        if (reader.TokenType != JsonTokenType.StartArray) throw new JsonException($"{typeName}: expected an array of numbers, found {reader.TokenType}");
        int count = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (count == into.Length) throw new JsonException($"{typeName} holds at most {into.Length} values");
            into[count++] = reader.GetInt16();
        }
    }
}

using System.Text.Json;
using System.Text.Json.Serialization;

namespace SolarHub.Node.Api;

/// <summary>
/// Numbers in the API's JSON to four decimals: averages and sums of sensor values carry binary noise
/// (52.917333333333325 V) that no sensor measured; a tenth of a millivolt is finer than any JK reading. A value that is
/// not a number (a division by zero upstream) is null rather than an error that would break the whole answer.
/// </summary>
public sealed class RoundedNumbers : JsonConverter<double>
{
    public const int Decimals = 4;

    public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetDouble();

    public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options)
    {
        if (double.IsFinite(value)) writer.WriteNumberValue(Math.Round(value, Decimals));
        else writer.WriteNullValue();
    }
}

using System.Globalization;
using SolarHub.History;

namespace SolarHub.History.Querying;

/// <summary>
/// History as CSV: a header row, then one row per point; times ISO-8601 UTC, numbers in the invariant culture, an empty
/// field where nothing was measured. Raw: <c>at,soc,voltage,...</c>; aggregates: <c>at,samples,soc_avg,soc_min,soc_max,...</c>.
/// </summary>
public sealed class HistoryCsv(TextWriter writer, HistoryTable table, HistoryResolution resolution)
{
    private readonly bool _raw = resolution == HistoryResolution.Raw;

    public void WriteHeader()
    {
        writer.Write("at");
        if (!_raw) writer.Write(",samples");
        foreach (var column in table.Columns)
        {
            if (_raw) writer.Write($",{column}");
            else writer.Write($",{column}_avg,{column}_min,{column}_max");
        }
        writer.Write('\n');
    }

    public void Write(HistoryPoint point)
    {
        writer.Write(point.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
        if (!_raw) writer.Write($",{point.Samples.ToString(CultureInfo.InvariantCulture)}");
        foreach (var value in point.Values)
        {
            if (_raw) writer.Write($",{Number(value?.Avg)}");
            else writer.Write($",{Number(value?.Avg)},{Number(value?.Min)},{Number(value?.Max)}");
        }
        writer.Write('\n');
    }

    // Averages carry binary noise (53.221000000000004); six decimals keep µV and mA and drop the noise.
    private static string Number(double? value) => value is { } v ? Math.Round(v, 6).ToString(CultureInfo.InvariantCulture) : "";
}

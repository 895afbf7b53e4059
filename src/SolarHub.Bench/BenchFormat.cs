using System.Globalization;

namespace SolarHub.Bench;

/// <summary>Numbers as the benches print them: invariant culture, so summary lines parse the same everywhere.</summary>
public static class BenchFormat
{
    public static string Number(double value, int decimals = 1) =>
        value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    /// <summary>Whole numbers without decimals, fractions with up to two (e.g. 0, 12, 0.25).</summary>
    public static string Compact(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    public static string Milliseconds(TimeSpan value) => Number(value.TotalMilliseconds, 1);

    /// <summary>Seconds with two decimals (e.g. 1.04).</summary>
    public static string Seconds(TimeSpan value) => Number(value.TotalSeconds, 2);

    public static string Integer(double value) => Math.Round(value).ToString("0", CultureInfo.InvariantCulture);
}

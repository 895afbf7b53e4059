using System.Globalization;
using SolarHub.Configuration;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace SolarHub.Cli.Inspection;

/// <summary>How figures, ages and states read in the inspection verbs ("-" for what the node did not send).</summary>
public static class Figures
{
    public const string Missing = "-";

    public static string Number(double? value, string format) => value is { } v && double.IsFinite(v) ? v.ToString(format, CultureInfo.InvariantCulture) : Missing;

    public static string Number(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? Missing;

    public static string Fraction(int? part, int? whole) => part is null && whole is null ? Missing : $"{Number(part)}/{Number(whole)}";

    /// <summary>How long ago <paramref name="at"/> was, e.g. "0.4 s", "12 s", "5 min".</summary>
    public static string Age(DateTimeOffset? at, DateTimeOffset now)
    {
        if (at is null) return "never";
        var age = now - at.Value;
        if (age < TimeSpan.Zero) age = TimeSpan.Zero; // the node's clock may run a little ahead
        return age.TotalSeconds switch
        {
            < 10 => age.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s",
            < 90 => age.TotalSeconds.ToString("0", CultureInfo.InvariantCulture) + " s",
            < 90 * 60 => age.TotalMinutes.ToString("0", CultureInfo.InvariantCulture) + " min",
            < 48 * 3600 => age.TotalHours.ToString("0", CultureInfo.InvariantCulture) + " h",
            _ => age.TotalDays.ToString("0", CultureInfo.InvariantCulture) + " d",
        };
    }

    /// <summary>A time of day in local time, for event lines and failover lists.</summary>
    public static string Clock(DateTimeOffset at) => at.ToLocalTime().ToString("HH:mm:ss", CultureInfo.InvariantCulture);

    public static string Stamp(DateTimeOffset at) => at.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    public static IRenderable Cell(string? text, Style? style = null) =>
        new Text(string.IsNullOrEmpty(text) ? Missing : PrintableText.Escape(text), style ?? Style.Plain);

    /// <summary>Bank and adapter states coloured by how good they are (colours vanish when output is plain).</summary>
    public static IRenderable State(string? state) => Cell(state, new Style(state switch
    {
        "Healthy" => Color.Green,
        "Degraded" or "Silent" or "Restarting" => Color.Yellow,
        "Down" or "Failed" => Color.Red,
        "Starting" or "Connecting" or "Receiving" => Color.Blue,
        _ => Color.Grey,
    }));
}

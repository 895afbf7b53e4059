using System.Globalization;

namespace SolarHub.History.Energy;

/// <summary>
/// Turns the text of an energy request (HTTP query string or CLI options) into a <see cref="GetEnergyReport"/>, or an
/// error naming the bad parameter. Days are UTC days, <c>YYYY-MM-DD</c>, both ends included; by default the last
/// <see cref="DefaultDays"/> days up to today.
/// </summary>
public static class EnergyRequest
{
    public const int DefaultDays = 30;
    public const int MaxDays = 3660;

    /// <param name="names">How the caller spells its parameters, e.g. <c>from</c> for HTTP or <c>--from</c> for the CLI.</param>
    public static bool TryParse(string bankId, string? from, string? to, string? pack, DateOnly today, Func<string, string> names,
        out GetEnergyReport? request, out string error)
    {
        request = null;
        if (!TryDay(to, today, names("to"), out var last, out error) || !TryDay(from, last.AddDays(-(DefaultDays - 1)), names("from"), out var first, out error))
            return false;
        if (first > last) { error = $"{names("from")}: {first:yyyy-MM-dd} is after {names("to")} ({last:yyyy-MM-dd})"; return false; }
        if (last.DayNumber - first.DayNumber >= MaxDays) { error = $"{names("from")}: at most {MaxDays} days per request"; return false; }
        byte? address = null;
        if (pack is not null)
        {
            if (!byte.TryParse(pack, NumberStyles.None, CultureInfo.InvariantCulture, out var a) || a > 15)
            {
                error = $"{names("pack")}: '{pack}' is not a pack address (0 to 15)";
                return false;
            }
            address = a;
        }
        request = new GetEnergyReport(bankId, address, first, last);
        return true;
    }

    private static bool TryDay(string? text, DateOnly fallback, string name, out DateOnly day, out string error)
    {
        error = "";
        day = fallback;
        if (text is null) return true;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day)) return true;
        error = $"{name}: '{text}' is not a date (YYYY-MM-DD, a UTC day)";
        return false;
    }
}

using System.Globalization;

namespace SolarHub.History.Querying;

/// <summary>
/// Turns the text of a history request (HTTP query string or CLI options) into a <see cref="HistoryQuery"/>, or an
/// error naming the bad parameter. Times are ISO-8601 (UTC when no offset is given); the default span is the last 24 h.
/// </summary>
public static class HistoryRequest
{
    public static readonly TimeSpan DefaultSpan = TimeSpan.FromHours(24);

    /// <param name="names">How the caller spells its parameters, e.g. <c>from</c> for HTTP or <c>--from</c> for the CLI.</param>
    public static bool TryParse(string bankId, string? from, string? to, string? resolution, string? pack, DateTimeOffset now,
        Func<string, string> names, out HistoryQuery? query, out string error)
    {
        query = null;
        error = "";
        if (string.IsNullOrWhiteSpace(bankId)) { error = $"{names("bank")}: a bank id is required"; return false; }

        DateTimeOffset end = now;
        if (!string.IsNullOrWhiteSpace(to) && !TryTime(to, out end)) { error = $"{names("to")}: '{to}' is not an ISO-8601 time (e.g. 2026-11-25T14:00:00Z)"; return false; }
        DateTimeOffset start = end - DefaultSpan;
        if (!string.IsNullOrWhiteSpace(from) && !TryTime(from, out start)) { error = $"{names("from")}: '{from}' is not an ISO-8601 time (e.g. 2026-11-24T14:00:00Z)"; return false; }
        if (start >= end) { error = $"{names("from")}: {start:O} must be before {names("to")} {end:O}"; return false; }

        var level = HistoryResolution.Auto;
        if (!string.IsNullOrWhiteSpace(resolution) && !TryResolution(resolution, out level))
        {
            error = $"{names("resolution")}: '{resolution}' is not one of raw, hour, day, auto";
            return false;
        }

        byte? address = null;
        if (!string.IsNullOrWhiteSpace(pack))
        {
            if (!byte.TryParse(pack, NumberStyles.Integer, CultureInfo.InvariantCulture, out var a)) { error = $"{names("pack")}: '{pack}' is not a pack address (0-255)"; return false; }
            address = a;
        }

        query = new HistoryQuery(bankId, start.ToUniversalTime(), end.ToUniversalTime(), level, address);
        return true;
    }

    public static bool TryTime(string text, out DateTimeOffset time) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time);

    public static bool TryResolution(string text, out HistoryResolution resolution)
    {
        switch (text.Trim().ToLowerInvariant())
        {
            case "raw": resolution = HistoryResolution.Raw; return true;
            case "hour" or "hourly": resolution = HistoryResolution.Hour; return true;
            case "day" or "daily": resolution = HistoryResolution.Day; return true;
            case "auto": resolution = HistoryResolution.Auto; return true;
            default: resolution = HistoryResolution.Auto; return false;
        }
    }
}

using System.Globalization;

namespace SolarHub.Node.Api.Events;

/// <summary>
/// The SSE <c>id:</c> of an event: <c>&lt;run&gt;-&lt;sequence&gt;</c>. The run is random per start of the node, so an
/// id from before a restart is recognised as unknown instead of being mistaken for one of this run (a clock-less
/// device may start with the same time every boot, so the run is not a start time).
/// </summary>
public static class EventId
{
    public static string NewRun() => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(4));

    public static string Format(string run, long sequence) => string.Create(CultureInfo.InvariantCulture, $"{run}-{sequence}");

    /// <summary>The sequence of an id of <paramref name="run"/>; false for anything else (another run, not an id at all).</summary>
    public static bool TryParse(string? id, string run, out long sequence)
    {
        sequence = 0;
        if (id is null || id.Length <= run.Length + 1 || !id.StartsWith(run, StringComparison.Ordinal) || id[run.Length] != '-') return false;
        return long.TryParse(id.AsSpan(run.Length + 1), NumberStyles.None, CultureInfo.InvariantCulture, out sequence) && sequence > 0;
    }
}

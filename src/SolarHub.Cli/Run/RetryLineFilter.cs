using SolarHub.Core.Telemetry;

namespace SolarHub.Cli.Run;

/// <summary>
/// Keeps the console readable while an adapter retries: a bank with no healthy adapter retries twice a second, and
/// printing each Restarting/Connecting change would flood the console. The first failure, a new reason, Failed, and
/// the recovery are printed (the recovery saying how many retries were not); meanwhile one "still failing" line at
/// most every <paramref name="summaryEvery"/>.
/// </summary>
public sealed class RetryLineFilter(TimeSpan summaryEvery)
{
    private sealed class Trouble(string reason, DateTimeOffset since)
    {
        public string Reason { get; set; } = reason;
        public DateTimeOffset Since { get; } = since;
        public DateTimeOffset LastPrinted { get; set; } = since;
        public int Retries { get; set; }
    }

    private readonly Dictionary<(string Bank, string Adapter), Trouble> _troubles = [];

    /// <summary>The line to print for <paramref name="change"/>, or null to hold it back.</summary>
    public string? Line(AdapterStateChanged change)
    {
        var key = (change.BankId, change.AdapterId);
        string line = $"{change.BankId} adapter {change.AdapterId}: {change.From} -> {change.To} ({change.Reason})";
        bool failing = change.To is AdapterState.Restarting or AdapterState.Silent or AdapterState.Failed;
        if (!_troubles.TryGetValue(key, out var trouble))
        {
            if (failing) _troubles[key] = new Trouble(change.Reason, change.At);
            return line;
        }

        if (change.To == AdapterState.Connecting || (failing && change.To != AdapterState.Failed && change.Reason == trouble.Reason))
        {
            if (change.To == AdapterState.Connecting) trouble.Retries++;
            if (change.At - trouble.LastPrinted < summaryEvery) return null;
            trouble.LastPrinted = change.At;
            return $"{change.BankId} adapter {change.AdapterId}: still failing, {trouble.Retries} retries since {trouble.Since.ToLocalTime():HH:mm:ss} ({trouble.Reason})";
        }

        string held = trouble.Retries > 0 ? $" [{trouble.Retries} retries not shown]" : "";
        if (failing)
        {
            trouble.Reason = change.Reason;
            trouble.LastPrinted = change.At;
            trouble.Retries = 0;
        }
        else _troubles.Remove(key);
        return line + held;
    }
}

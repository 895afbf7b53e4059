namespace SolarHub.History.Querying;

/// <summary>The answer to a <see cref="HistoryQuery"/>: points in time order, values in the order of <see cref="Metrics"/>.</summary>
public sealed record HistorySeries(
    string BankId,
    byte? Pack,
    HistoryResolution Resolution,
    DateTimeOffset From,
    DateTimeOffset To,
    IReadOnlyList<string> Metrics,
    IReadOnlyList<HistoryPoint> Points);

/// <summary>
/// A raw sample (<see cref="Samples"/> = 1, average = min = max) or an hourly or daily bucket starting at <see cref="At"/>
/// (UTC) of <see cref="Samples"/> samples. A value is null when nothing was measured.
/// </summary>
public sealed record HistoryPoint(DateTimeOffset At, int Samples, HistoryValue?[] Values);

/// <summary>Average, minimum and maximum of one metric over a point's samples.</summary>
public readonly record struct HistoryValue(double Avg, double Min, double Max);

namespace SolarHub.History;

/// <summary>
/// What is recorded for one kind of series (a bank's totals or one pack): its metrics, in the order of a
/// <see cref="HistorySample"/>'s values, and the table names of its raw samples and hourly and daily aggregates.
/// </summary>
public sealed class HistoryTable
{
    public static HistoryTable Bank { get; } = new("solarhub_history_bank", hasPack: false,
        ["soc", "voltage", "current", "power", "cellMin", "cellMax", "temperatureMin", "temperatureMax", "packsFresh"]);

    public static HistoryTable Pack { get; } = new("solarhub_history_pack", hasPack: true,
        ["soc", "voltage", "current", "power", "cellMin", "cellMax", "cellDelta", "temperatureMin", "temperatureMax", "cycles"]);

    private HistoryTable(string raw, bool hasPack, string[] metrics)
    {
        Raw = raw;
        Hourly = raw + "_hourly";
        Daily = raw + "_daily";
        HasPack = hasPack;
        Metrics = metrics;
        Columns = metrics.Select(ToColumn).ToArray();
    }

    public string Raw { get; }
    public string Hourly { get; }
    public string Daily { get; }

    /// <summary>Pack series are keyed by bank and pack address; bank series by bank alone.</summary>
    public bool HasPack { get; }

    /// <summary>Metric names as the API and CSV show them (camelCase).</summary>
    public IReadOnlyList<string> Metrics { get; }

    /// <summary>The same metrics as SQL column names (snake_case).</summary>
    public IReadOnlyList<string> Columns { get; }

    private static string ToColumn(string metric) =>
        string.Concat(metric.Select(c => char.IsUpper(c) ? "_" + char.ToLowerInvariant(c) : c.ToString()));
}

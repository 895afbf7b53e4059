namespace SolarHub.History.Querying;

/// <summary>A bank's (or, with <see cref="Pack"/>, one pack's) history from <see cref="From"/> (inclusive) to <see cref="To"/> (exclusive).</summary>
public sealed record HistoryQuery(string BankId, DateTimeOffset From, DateTimeOffset To, HistoryResolution Resolution = HistoryResolution.Auto, byte? Pack = null)
{
    public static readonly TimeSpan RawUpTo = TimeSpan.FromDays(2);
    public static readonly TimeSpan HourlyUpTo = TimeSpan.FromDays(90);

    /// <summary>The resolution actually read: <see cref="HistoryResolution.Auto"/> becomes raw, hour or day by the span asked for.</summary>
    public HistoryResolution EffectiveResolution => Resolution != HistoryResolution.Auto ? Resolution
        : To - From <= RawUpTo ? HistoryResolution.Raw
        : To - From <= HourlyUpTo ? HistoryResolution.Hour
        : HistoryResolution.Day;

    public HistoryTable Table => Pack is null ? HistoryTable.Bank : HistoryTable.Pack;
}

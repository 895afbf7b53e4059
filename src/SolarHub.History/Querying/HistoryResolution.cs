namespace SolarHub.History.Querying;

/// <summary>Raw samples, hourly or daily aggregates, or <see cref="Auto"/>: raw up to 2 days, hourly up to 90 days, daily beyond.</summary>
public enum HistoryResolution
{
    Auto,
    Raw,
    Hour,
    Day,
}

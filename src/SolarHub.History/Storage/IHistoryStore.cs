using SolarHub.History.Querying;

namespace SolarHub.History.Storage;

/// <summary>Where history lives: raw samples, hourly and daily aggregates. Safe to call concurrently; every call opens its own connection.</summary>
public interface IHistoryStore
{
    /// <summary>What the store is, for messages (e.g. <c>sqlite:/var/lib/solarhub/solarhub.db</c>).</summary>
    string Description { get; }

    /// <summary>
    /// Stores the samples and adds them to their hourly and daily aggregates, in one transaction. Idempotent: a sample
    /// already stored (same series and time) is skipped and not counted again. Returns how many samples were new.
    /// </summary>
    Task<int> WriteAsync(IReadOnlyList<HistorySample> samples, CancellationToken ct = default);

    /// <summary>Deletes raw samples older than <paramref name="rawBefore"/> and hourly aggregates older than <paramref name="hourlyBefore"/> (daily ones are kept). Returns rows deleted.</summary>
    Task<long> DeleteExpiredAsync(DateTimeOffset rawBefore, DateTimeOffset hourlyBefore, CancellationToken ct = default);

    /// <summary>The points of a query in time order, read as they are enumerated (for large exports).</summary>
    IAsyncEnumerable<HistoryPoint> ReadAsync(HistoryQuery query, CancellationToken ct = default);

    /// <summary>A whole series in memory.</summary>
    async Task<HistorySeries> QueryAsync(HistoryQuery query, CancellationToken ct = default)
    {
        var points = new List<HistoryPoint>();
        await foreach (var point in ReadAsync(query, ct)) points.Add(point);
        return new HistorySeries(query.BankId, query.Pack, query.EffectiveResolution, query.From, query.To, query.Table.Metrics, points);
    }
}

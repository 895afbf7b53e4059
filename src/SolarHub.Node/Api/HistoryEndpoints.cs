using Akka.Actor;
using Akka.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SolarHub.Core.Banks;
using SolarHub.Core.Hosting;
using SolarHub.History.Hosting;
using SolarHub.History.Querying;
using SolarHub.History.Recording;

namespace SolarHub.Node.Api;

/// <summary>
/// <c>GET /api/banks/{bankId}/history?from=&amp;to=&amp;resolution=&amp;pack=</c>: a bank's (or one pack's) recorded
/// history, raw or in hourly or daily aggregates (docs/history.md).
/// </summary>
public static class HistoryEndpoints
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan MaxRawSpan = TimeSpan.FromDays(7);

    public static void MapHistoryEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/banks/{bankId}/history", async (string bankId, string? from, string? to, string? resolution, string? pack,
            ActorSystem system, CancellationToken ct) =>
        {
            if (!HistoryRequest.TryParse(bankId, from, to, resolution, pack, DateTimeOffset.UtcNow, name => name, out var query, out var error))
                return Results.BadRequest(new { error });
            // Raw samples of a long span would be hundreds of thousands of points in one answer; the export streams them.
            if (query!.Resolution == HistoryResolution.Raw && query.To - query.From > MaxRawSpan)
                return Results.BadRequest(new { error = $"resolution: raw is limited to {MaxRawSpan.TotalDays:0} days per request; ask for hour or day, or use 'solarhub history export'" });
            var registry = ActorRegistry.For(system);
            if (!registry.TryGet<HistoryKey>(out var history))
                return Results.NotFound(new { error = "this node records no history (no database, or solarhub.history.enabled = off)" });

            var answer = await history.Ask<object>(query!, AskTimeout, ct);
            if (answer is not HistorySeries series)
                return Results.Json(new { error = $"history: {(answer as HistoryQueryFailed)?.Error ?? answer.ToString()}" }, statusCode: StatusCodes.Status503ServiceUnavailable);
            // A bank that is not configured may still have a history (removed since); only one with neither is unknown.
            if (series.Points.Count == 0 && !await IsRunningAsync(registry, bankId, ct))
                return Results.NotFound(new { error = $"no bank '{bankId}'" });
            return Results.Json(ToJson(series));
        });
    }

    private static async Task<bool> IsRunningAsync(ActorRegistry registry, string bankId, CancellationToken ct)
    {
        if (!registry.TryGet<BankRegistryKey>(out var banks)) return false;
        var ids = await banks.Ask<BankIds>(GetBankIds.Instance, AskTimeout, ct);
        return ids.Ids.Contains(bankId);
    }

    /// <summary>
    /// One object per point: <c>{"at","samples","soc":52.1,...}</c> for raw samples, <c>{"at","samples","soc":{"avg","min","max"},...}</c>
    /// for aggregates; a metric not measured is null.
    /// </summary>
    private static object ToJson(HistorySeries series)
    {
        bool raw = series.Resolution == HistoryResolution.Raw;
        return new
        {
            series.BankId,
            series.Pack,
            Resolution = series.Resolution.ToString().ToLowerInvariant(),
            series.From,
            series.To,
            series.Metrics,
            Points = series.Points.Select(p =>
            {
                var point = new Dictionary<string, object?>(series.Metrics.Count + 2) { ["at"] = p.At, ["samples"] = p.Samples };
                for (int i = 0; i < series.Metrics.Count; i++)
                    point[series.Metrics[i]] = p.Values[i] is not { } v ? null : raw ? v.Avg : new { v.Avg, v.Min, v.Max };
                return point;
            }),
        };
    }
}

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SolarHub.Core.Banks;
using SolarHub.Core.Telemetry;

namespace SolarHub.Node.Api;

/// <summary>Read-only inspection of banks: <c>GET /api/banks</c> (a summary per bank) and <c>GET /api/banks/{bankId}</c> (the whole <see cref="BankSnapshot"/>).</summary>
public static class BankEndpoints
{
    /// <summary>One line of <c>GET /api/banks</c>.</summary>
    public sealed record BankSummary(
        string Id, string Name, BankState State, string? ActiveAdapter, string? ForcedAdapter,
        int PacksFresh, int PacksTotal, bool Stale, double Soc, double Power, double Voltage, double Current,
        double CellMin, double CellMax, double TemperatureMin, double TemperatureMax,
        int AdaptersHealthy, int AdaptersTotal, long FailoverCount, DateTimeOffset? LastFailoverAt, DateTimeOffset At)
    {
        public static BankSummary Of(BankSnapshot s) => new(
            s.Id, s.Name, s.State, s.ActiveAdapter, s.ForcedAdapter,
            s.Totals.PacksFresh, s.Totals.PacksTotal, s.Totals.Stale, s.Totals.Soc, s.Totals.Power, s.Totals.Voltage, s.Totals.Current,
            s.Totals.CellMin, s.Totals.CellMax, s.Totals.TemperatureMin, s.Totals.TemperatureMax,
            s.Adapters.Count(a => a.State == AdapterState.Healthy), s.Adapters.Count, s.FailoverCount, s.Failovers.FirstOrDefault()?.At, s.Totals.At)
        {
            Node = s.Node,
        };

        /// <summary>The cluster node the bank runs on; null when not clustered.</summary>
        public string? Node { get; init; }
    }

    public static IEndpointRouteBuilder MapBankEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/banks", async (BankSnapshots banks, CancellationToken ct) =>
            Results.Ok((await banks.AllAsync(ct)).Select(BankSummary.Of)));

        app.MapGet("/api/banks/{bankId}", async (string bankId, BankSnapshots banks, CancellationToken ct) =>
            await banks.OneAsync(bankId, ct) is { } snapshot ? Results.Ok(snapshot) : ApiErrors.NoBank(bankId));
        return app;
    }
}

using System.Globalization;
using Akka.Actor;
using Akka.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SolarHub.History.Energy;
using SolarHub.History.Hosting;

namespace SolarHub.Node.Api;

/// <summary>
/// <c>GET /api/banks/{bankId}/energy?from=&amp;to=&amp;pack=&amp;format=csv</c>: a bank's energy counters (and its
/// packs'), and the energy of each UTC day from <c>from</c> to <c>to</c> (dates, both included; the last 30 days by
/// default), as JSON or as CSV (docs/history.md#energy).
/// </summary>
public static class EnergyEndpoints
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(30);

    public static IEndpointRouteBuilder MapEnergyEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/banks/{bankId}/energy", async (string bankId, string? from, string? to, string? pack, string? format, ActorSystem system, CancellationToken ct) =>
        {
            if (!EnergyRequest.TryParse(bankId, from, to, pack, DateOnly.FromDateTime(DateTime.UtcNow), name => name, out var request, out var error))
                return Results.BadRequest(new { error });
            bool csv = format is not null && format.Equals("csv", StringComparison.OrdinalIgnoreCase);
            if (format is not null && !csv && !format.Equals("json", StringComparison.OrdinalIgnoreCase))
                return Results.BadRequest(new { error = $"format: '{format}' is not json or csv" });
            if (!ActorRegistry.For(system).TryGet<EnergyMeterKey>(out var meter))
                return Results.NotFound(new { error = "this node counts no energy (no database, or solarhub.history.enabled = off)" });

            var answer = await meter.Ask<object>(request!, AskTimeout, ct);
            if (answer is not EnergyReport report)
                return Results.Json(new { error = $"energy: {(answer as EnergyQueryFailed)?.Error ?? answer.ToString()}" }, statusCode: StatusCodes.Status503ServiceUnavailable);
            if (report.Totals is null) return Results.NotFound(new { error = $"no energy counted for bank '{bankId}'" });
            if (csv) return Results.Text(EnergyCsv.Write(report.Days), "text/csv; charset=utf-8");
            var totals = report.Totals;
            return Results.Json(new
            {
                report.BankId,
                report.Pack,
                From = request!.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                To = request.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                totals.At,
                totals.ChargedKwh,
                totals.DischargedKwh,
                Packs = totals.Packs.Select(p => new { p.Address, p.ChargedKwh, p.DischargedKwh }),
                Days = report.Days.Select(d => new { Day = d.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), d.ChargedKwh, d.DischargedKwh }),
            });
        });
        return app;
    }
}

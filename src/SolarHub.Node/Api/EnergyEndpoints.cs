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
    private const int DefaultDays = 30;
    private const int MaxDays = 3660;

    public static IEndpointRouteBuilder MapEnergyEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/banks/{bankId}/energy", async (string bankId, string? from, string? to, string? pack, string? format, ActorSystem system, CancellationToken ct) =>
        {
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            if (!TryDay(to, today, "to", out var last, out var error) || !TryDay(from, last.AddDays(-(DefaultDays - 1)), "from", out var first, out error))
                return Results.BadRequest(new { error });
            if (first > last) return Results.BadRequest(new { error = $"from: {first:yyyy-MM-dd} is after to ({last:yyyy-MM-dd})" });
            if (last.DayNumber - first.DayNumber >= MaxDays) return Results.BadRequest(new { error = $"from: at most {MaxDays} days per request" });
            byte? address = null;
            if (pack is not null)
            {
                if (!byte.TryParse(pack, NumberStyles.None, CultureInfo.InvariantCulture, out var a) || a > 15)
                    return Results.BadRequest(new { error = $"pack: '{pack}' is not a pack address (0 to 15)" });
                address = a;
            }
            bool csv = format is not null && format.Equals("csv", StringComparison.OrdinalIgnoreCase);
            if (format is not null && !csv && !format.Equals("json", StringComparison.OrdinalIgnoreCase))
                return Results.BadRequest(new { error = $"format: '{format}' is not json or csv" });
            if (!ActorRegistry.For(system).TryGet<EnergyMeterKey>(out var meter))
                return Results.NotFound(new { error = "this node counts no energy (no database, or solarhub.history.enabled = off)" });

            var answer = await meter.Ask<object>(new GetEnergyReport(bankId, address, first, last), AskTimeout, ct);
            if (answer is not EnergyReport report)
                return Results.Json(new { error = $"energy: {(answer as EnergyQueryFailed)?.Error ?? answer.ToString()}" }, statusCode: StatusCodes.Status503ServiceUnavailable);
            if (report.Totals is null) return Results.NotFound(new { error = $"no energy counted for bank '{bankId}'" });
            if (csv) return Results.Text(EnergyCsv.Write(report.Days), "text/csv; charset=utf-8");
            var totals = report.Totals;
            return Results.Json(new
            {
                report.BankId,
                Pack = address,
                From = first.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                To = last.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                totals.At,
                totals.ChargedKwh,
                totals.DischargedKwh,
                Packs = totals.Packs.Select(p => new { p.Address, p.ChargedKwh, p.DischargedKwh }),
                Days = report.Days.Select(d => new { Day = d.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), d.ChargedKwh, d.DischargedKwh }),
            });
        });
        return app;
    }

    private static bool TryDay(string? text, DateOnly fallback, string name, out DateOnly day, out string? error)
    {
        error = null;
        day = fallback;
        if (text is null) return true;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day)) return true;
        error = $"{name}: '{text}' is not a date (YYYY-MM-DD, a UTC day)";
        return false;
    }
}

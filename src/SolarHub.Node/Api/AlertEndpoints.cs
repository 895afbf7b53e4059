using Akka.Actor;
using Akka.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SolarHub.Core.Alerts;

namespace SolarHub.Node.Api;

/// <summary>
/// <c>GET /api/alerts[?bank=id]</c>: the alerts raised now, the rules as they apply to each bank, and the webhook's
/// state (docs/api.md); on a cluster node, every member's (<see cref="Cluster.ClusterAlerts"/>). Raises and clears as they happen are in <c>GET /api/events</c> (<c>alert-raised</c>, <c>alert-cleared</c>).
/// </summary>
public static class AlertEndpoints
{
    public static IEndpointRouteBuilder MapAlertEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/alerts", async (string? bank, IRequiredActor<AllAlertsKey> alerts, CancellationToken ct) =>
        {
            var report = await alerts.ActorRef.Ask<AlertsReport>(GetAlerts.Instance, BankSnapshots.DefaultTimeout, ct);
            if (bank is null) return Results.Ok(report);
            if (report.Banks.All(b => b.BankId != bank)) return ApiErrors.NoBank(bank);
            return Results.Ok(report with { Active = report.Active.Where(a => a.BankId == bank).ToList(), Banks = report.Banks.Where(b => b.BankId == bank).ToList() });
        });
        return app;
    }
}

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Akka.Actor;
using Akka.Hosting;
using SolarHub.Core.Banks;
using SolarHub.Core.Hosting;

namespace SolarHub.Cli.Api;

/// <summary>Read-only inspection of banks over HTTP: <c>GET /api/banks</c> and <c>GET /api/banks/{bankId}</c>.</summary>
public static class BankEndpoints
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(5);

    public static void MapBankEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/banks", async (IRequiredActor<BankRegistryKey> registry, CancellationToken ct) =>
        {
            var banks = await registry.ActorRef.Ask<BankIds>(GetBankIds.Instance, AskTimeout, ct);
            var snapshots = await Task.WhenAll(banks.Ids.Select(id => registry.ActorRef.Ask<object>(new BankEnvelope(id, GetBankSnapshot.Instance), AskTimeout, ct)));
            return Results.Ok(snapshots.OfType<BankSnapshot>().Select(s => new
            {
                s.Id, s.Name, s.State, s.ActiveAdapter,
                PacksFresh = s.Totals.PacksFresh, PacksTotal = s.Totals.PacksTotal, s.Totals.Soc, s.Totals.Power,
            }));
        });

        app.MapGet("/api/banks/{bankId}", async (string bankId, IRequiredActor<BankRegistryKey> registry, CancellationToken ct) =>
        {
            var answer = await registry.ActorRef.Ask<object>(new BankEnvelope(bankId, GetBankSnapshot.Instance), AskTimeout, ct);
            return answer switch
            {
                BankSnapshot snapshot => Results.Ok(snapshot),
                _ => Results.NotFound(new { error = $"no bank '{bankId}'" }),
            };
        });
    }
}

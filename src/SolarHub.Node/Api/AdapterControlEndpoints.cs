using Akka.Actor;
using Akka.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SolarHub.ConfigStore;
using SolarHub.Core.Banks;

namespace SolarHub.Node.Api;

/// <summary>
/// State-changing endpoints on one adapter (bearer token required, see <see cref="RequireApiToken"/>):
/// <c>POST|DELETE /api/banks/{bankId}/adapters/{adapterId}/activate</c> force it active / release it, and
/// <c>POST .../disable</c>, <c>POST .../enable</c>: through the configuration store when the node has one (stored,
/// applied live like any configuration change), otherwise in the running bank only.
/// </summary>
public static class AdapterControlEndpoints
{
    public sealed record AdapterCommandResult(string BankId, string AdapterId, string Outcome, bool Stored);

    public static IEndpointRouteBuilder MapAdapterControlEndpoints(this IEndpointRouteBuilder app)
    {
        var adapters = app.MapGroup("/api/banks/{bankId}/adapters/{adapterId}").AddEndpointFilter<RequireApiToken>();

        adapters.MapPost("/activate", (string bankId, string adapterId, BankSnapshots banks, CancellationToken ct) =>
            Command(banks, bankId, adapterId, new ForceActiveAdapter(adapterId), ct));
        adapters.MapDelete("/activate", (string bankId, string adapterId, BankSnapshots banks, CancellationToken ct) =>
            Command(banks, bankId, adapterId, new ReleaseForcedAdapter(adapterId), ct));
        adapters.MapPost("/disable", (string bankId, string adapterId, BankSnapshots banks, ActorSystem system, CancellationToken ct) =>
            SetEnabled(banks, ActorRegistry.For(system), bankId, adapterId, enabled: false, ct));
        adapters.MapPost("/enable", (string bankId, string adapterId, BankSnapshots banks, ActorSystem system, CancellationToken ct) =>
            SetEnabled(banks, ActorRegistry.For(system), bankId, adapterId, enabled: true, ct));
        return app;
    }

    private static async Task<IResult> Command(BankSnapshots banks, string bankId, string adapterId, object command, CancellationToken ct) =>
        await banks.CommandAsync(bankId, command, ct) switch
        {
            AdapterCommandDone done => Results.Ok(new AdapterCommandResult(bankId, adapterId, done.Outcome, Stored: false)),
            AdapterCommandRefused refused => ApiErrors.Result(StatusCodes.Status409Conflict, refused.Reason),
            AdapterNotFound => ApiErrors.NoAdapter(bankId, adapterId),
            BankNotFound => ApiErrors.NoBank(bankId),
            var other => ApiErrors.Unavailable($"unexpected answer from bank '{bankId}': {other}"),
        };

    private static async Task<IResult> SetEnabled(BankSnapshots banks, ActorRegistry actors, string bankId, string adapterId, bool enabled, CancellationToken ct)
    {
        if (!actors.TryGet<ConfigStoreKey>(out var store))
            return await Command(banks, bankId, adapterId, new SetAdapterEnabled(adapterId, enabled), ct);

        // The store is the truth: the bank applies the stored change when the store publishes it.
        StoredConfig stored;
        try { stored = await ConfigStoreClient.GetAsync(store, ct); }
        catch (ConfigStoreUnavailableException e) { return ApiErrors.Unavailable($"the configuration store cannot be used: {e.Message}"); }
        var bank = stored.Config.Banks.FirstOrDefault(b => b.Id == bankId);
        if (bank is null) return ApiErrors.NoBank(bankId);
        if (bank.Adapters.All(a => a.Id != adapterId)) return ApiErrors.NoAdapter(bankId, adapterId);

        var answer = await ConfigStoreClient.ProposeAsync(store, [new AdapterEnabledChanged(bankId, adapterId, enabled)], "api", ct);
        string state = enabled ? "enabled" : "disabled";
        return answer switch
        {
            ChangesAccepted { Stored: true } accepted => Results.Ok(new AdapterCommandResult(bankId, adapterId, $"adapter '{adapterId}' {state} (stored, version {accepted.Version})", Stored: true)),
            ChangesAccepted => Results.Ok(new AdapterCommandResult(bankId, adapterId, $"adapter '{adapterId}' was already {state}", Stored: false)),
            ChangesRejected rejected => ApiErrors.Result(StatusCodes.Status409Conflict, string.Join("; ", rejected.Errors.Select(e => e.ToString()))),
            ChangesFailed failed => ApiErrors.Unavailable($"the configuration store could not store the change: {failed.Reason}"),
            var other => ApiErrors.Unavailable($"unexpected answer from the configuration store: {other}"),
        };
    }
}

using Akka.Actor;
using Akka.Hosting;
using SolarHub.Core.Banks;
using SolarHub.Core.Hosting;

namespace SolarHub.Node.Api;

/// <summary>Asks the bank registry for bank snapshots, for the endpoints, the health checks and the metrics.</summary>
public sealed class BankSnapshots(IRequiredActor<BankRegistryKey> registry)
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(5);

    public IActorRef Registry => registry.ActorRef;

    /// <summary>Every bank's snapshot, ordered by id; a bank stopped between the two questions is left out.</summary>
    public async Task<IReadOnlyList<BankSnapshot>> AllAsync(CancellationToken ct, TimeSpan? timeout = null)
    {
        var t = timeout ?? DefaultTimeout;
        var ids = await registry.ActorRef.Ask<BankIds>(GetBankIds.Instance, t, ct);
        var answers = await Task.WhenAll(ids.Ids.Select(id => registry.ActorRef.Ask<object>(new BankEnvelope(id, GetBankSnapshot.Instance), t, ct)));
        return answers.OfType<BankSnapshot>().ToList();
    }

    /// <summary>The bank's snapshot, or null when there is no such bank.</summary>
    public async Task<BankSnapshot?> OneAsync(string bankId, CancellationToken ct) =>
        await registry.ActorRef.Ask<object>(new BankEnvelope(bankId, GetBankSnapshot.Instance), DefaultTimeout, ct) as BankSnapshot;

    /// <summary>Sends a command to a bank; the answer is the bank's, or <see cref="BankNotFound"/>.</summary>
    public Task<object> CommandAsync(string bankId, object command, CancellationToken ct) =>
        registry.ActorRef.Ask<object>(new BankEnvelope(bankId, command), DefaultTimeout, ct);
}

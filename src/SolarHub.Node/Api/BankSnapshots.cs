using Akka.Actor;
using Akka.Hosting;
using SolarHub.Core.Banks;
using SolarHub.Core.Hosting;

namespace SolarHub.Node.Api;

/// <summary>The banks' snapshots, and the ids of those that did not answer in time.</summary>
public sealed record BankAnswers(IReadOnlyList<BankSnapshot> Snapshots, IReadOnlyList<string> Silent);

/// <summary>Asks the bank registry for bank snapshots, for the endpoints, the health checks and the metrics.</summary>
public sealed class BankSnapshots(IRequiredActor<BankRegistryKey> registry)
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(5);

    public IActorRef Registry => registry.ActorRef;

    /// <summary>
    /// Every bank's snapshot, ordered by id; a bank stopped between the two questions is left out, and so is one that
    /// does not answer in time (in a cluster, a bank on a node that just died, until it runs elsewhere): one silent bank
    /// must not cost the answer for all the others.
    /// </summary>
    public async Task<IReadOnlyList<BankSnapshot>> AllAsync(CancellationToken ct, TimeSpan? timeout = null) => (await AskAllAsync(ct, timeout)).Snapshots;

    /// <summary>Every bank's snapshot, and the ids of the banks that did not answer in time.</summary>
    public async Task<BankAnswers> AskAllAsync(CancellationToken ct, TimeSpan? timeout = null)
    {
        var t = timeout ?? DefaultTimeout;
        var ids = await registry.ActorRef.Ask<BankIds>(GetBankIds.Instance, t, ct);
        var answers = await Task.WhenAll(ids.Ids.Select(id => SnapshotOrNothing(id, t, ct)));
        return new BankAnswers(answers.OfType<BankSnapshot>().ToList(),
            ids.Ids.Where((_, i) => answers[i] is null).ToList());
    }

    private async Task<object?> SnapshotOrNothing(string bankId, TimeSpan timeout, CancellationToken ct)
    {
        try { return await registry.ActorRef.Ask<object>(new BankEnvelope(bankId, GetBankSnapshot.Instance), timeout, ct); }
        catch (AskTimeoutException) { return null; }
    }

    /// <summary>The bank's snapshot, or null when there is no such bank.</summary>
    public async Task<BankSnapshot?> OneAsync(string bankId, CancellationToken ct) =>
        await registry.ActorRef.Ask<object>(new BankEnvelope(bankId, GetBankSnapshot.Instance), DefaultTimeout, ct) as BankSnapshot;

    /// <summary>Sends a command to a bank; the answer is the bank's, or <see cref="BankNotFound"/>.</summary>
    public Task<object> CommandAsync(string bankId, object command, CancellationToken ct) =>
        registry.ActorRef.Ask<object>(new BankEnvelope(bankId, command), DefaultTimeout, ct);
}

using System.Diagnostics;
using Akka.Actor;
using SolarHub.Configuration;

namespace SolarHub.ConfigStore;

/// <summary>Asks the configuration store, retrying while it recovers (after a restart or another client's change) and while other clients win the race to store (<see cref="WriteRetry"/>).</summary>
public static class ConfigStoreClient
{
    /// <exception cref="ConfigStoreUnavailableException">The store answered that the database cannot be used, and why.</exception>
    public static async Task<StoredConfig> GetAsync(IActorRef store, CancellationToken ct) =>
        await AskWithRetry(store, GetStoredConfig.Instance, WriteRetry.Default, ct) switch
        {
            StoredConfig stored => stored,
            Status.Failure { Cause: { } cause } => throw new ConfigStoreUnavailableException(cause.Message),
            var other => throw new ConfigStoreUnavailableException($"unexpected answer from the configuration store: {other}"),
        };

    public static Task<object> ReplaceAsync(IActorRef store, HubConfig target, string source, CancellationToken ct, bool dryRun = false, WriteRetry? retry = null) =>
        AskWithRetry(store, new ReplaceConfig(target, source, dryRun) { RequestId = Guid.NewGuid() }, retry ?? WriteRetry.Default, ct);

    public static Task<object> ProposeAsync(IActorRef store, IReadOnlyList<IConfigChange> changes, string source, CancellationToken ct, bool dryRun = false, WriteRetry? retry = null) =>
        AskWithRetry(store, new ProposeChanges(changes, source, dryRun) { RequestId = Guid.NewGuid() }, retry ?? WriteRetry.Default, ct);

    /// <summary>Sends a write made elsewhere (its request id kept: the cluster's writer handing on a request from its inbox).</summary>
    public static Task<object> SendAsync(IActorRef store, IConfigWrite write, CancellationToken ct, WriteRetry? retry = null) =>
        AskWithRetry(store, write, retry ?? WriteRetry.Default, ct);

    /// <summary>
    /// Asks until the store answers something other than a lost race, or <see cref="WriteRetry.Deadline"/> passes (then
    /// the last answer, or the last <see cref="AskTimeoutException"/>). A write keeps its request id across attempts.
    /// </summary>
    private static async Task<object> AskWithRetry(IActorRef store, object message, WriteRetry retry, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        for (int attempt = 1; ; attempt++)
        {
            object answer;
            try { answer = await store.Ask<object>(message, retry.AskTimeout, ct); }
            catch (AskTimeoutException) when (clock.Elapsed + retry.AskTimeout <= retry.Deadline) { continue; }
            if (answer is ChangesFailed { MayRetry: true } && clock.Elapsed < retry.Deadline)
            {
                await Task.Delay(WriteRetry.Pause(attempt, Random.Shared), ct);
                continue;
            }
            return answer;
        }
    }
}

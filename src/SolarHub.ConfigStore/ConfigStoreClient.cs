using Akka.Actor;
using SolarHub.Configuration;

namespace SolarHub.ConfigStore;

/// <summary>Asks the configuration store, retrying while it recovers (after a restart or another client's change).</summary>
public static class ConfigStoreClient
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(10);

    /// <exception cref="ConfigStoreUnavailableException">The store answered that the database cannot be used, and why.</exception>
    public static async Task<StoredConfig> GetAsync(IActorRef store, CancellationToken ct) =>
        await AskWithRetry(store, GetStoredConfig.Instance, ct) switch
        {
            StoredConfig stored => stored,
            Status.Failure { Cause: { } cause } => throw new ConfigStoreUnavailableException(cause.Message),
            var other => throw new ConfigStoreUnavailableException($"unexpected answer from the configuration store: {other}"),
        };

    public static Task<object> ReplaceAsync(IActorRef store, HubConfig target, string source, CancellationToken ct, bool dryRun = false) =>
        AskWithRetry(store, new ReplaceConfig(target, source, dryRun), ct);

    public static Task<object> ProposeAsync(IActorRef store, IReadOnlyList<IConfigChange> changes, string source, CancellationToken ct, bool dryRun = false) =>
        AskWithRetry(store, new ProposeChanges(changes, source, dryRun), ct);

    /// <summary>A write that failed because another client stored first is planned again against the fresh state, a few times.</summary>
    private static async Task<object> AskWithRetry(IActorRef store, object message, CancellationToken ct)
    {
        for (int attempt = 1; ; attempt++)
        {
            object answer;
            try { answer = await store.Ask<object>(message, AskTimeout, ct); }
            catch (AskTimeoutException) when (attempt < 3) { continue; }
            if (answer is ChangesFailed { MayRetry: true } && attempt < 5)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), ct);
                continue;
            }
            return answer;
        }
    }
}

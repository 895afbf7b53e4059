using SolarHub.ConfigStore;
using SolarHub.Configuration;
using SolarHub.Database;

namespace SolarHub.Bench;

/// <summary>A database's stored configuration written and read as <c>solarhub config import</c> and <c>config show</c> do (a store session of its own).</summary>
public static class BenchConfigStore
{
    /// <summary>Stores <paramref name="config"/> as the database's configuration, and its start copy as the CLI does.</summary>
    public static async Task ReplaceAsync(ConfigDatabase database, HubConfig config, CancellationToken ct)
    {
        await using var session = await ConfigStoreSession.StartAsync(database, logging: null, ct);
        var answer = await ConfigStoreClient.ReplaceAsync(session.Store, config, "bench", ct);
        if (answer is not ChangesAccepted) throw new BenchException($"the configuration was not stored: {answer}");
        if (await session.KeepStartCopyAsync(answer) is { } problem) throw new BenchException(problem);
    }

    /// <summary>The database's stored configuration and its version.</summary>
    public static async Task<StoredConfig> ReadAsync(ConfigDatabase database, CancellationToken ct)
    {
        await using var session = await ConfigStoreSession.StartAsync(database, logging: null, ct);
        return await ConfigStoreClient.GetAsync(session.Store, ct);
    }
}

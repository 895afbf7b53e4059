using SolarHub.ConfigStore.ClusterWriter;
using SolarHub.Database;

namespace SolarHub.ConfigStore;

/// <summary>
/// The version of the stored configuration (the store's latest sequence number in the journal of Akka.Persistence.Sql,
/// whose events are never deleted) and when the journal stored it (its <c>created</c> column), read with one plain
/// query, without starting the store or a query stream: the start copy checks them, and a running store watches the
/// version for other clients' changes. The two together tell one database's history from another's at the same version.
/// </summary>
public static class StoredVersion
{
    /// <summary>The latest version in <paramref name="database"/>; null when none is stored.</summary>
    /// <exception cref="System.Data.Common.DbException">The database or its journal cannot be read.</exception>
    public static async Task<long?> ReadAsync(ConfigDatabase database, CancellationToken ct) =>
        (await ReadRowAsync(database, version: null, ct))?.Version;

    /// <summary>The latest version in <paramref name="database"/> and when it was stored; null when none is stored.</summary>
    /// <exception cref="System.Data.Common.DbException">The database or its journal cannot be read.</exception>
    public static Task<(long Version, long StoredAt)?> ReadLatestAsync(ConfigDatabase database, CancellationToken ct) =>
        ReadRowAsync(database, version: null, ct);

    /// <summary>When the journal stored <paramref name="version"/>; null when it holds no such version.</summary>
    /// <exception cref="System.Data.Common.DbException">The database or its journal cannot be read.</exception>
    public static async Task<long?> StoredAtAsync(ConfigDatabase database, long version, CancellationToken ct) =>
        (await ReadRowAsync(database, version, ct))?.StoredAt;

    // One row of the store's journal: the given version, or the latest (the journal's key, so an index lookup either way).
    private static async Task<(long Version, long StoredAt)?> ReadRowAsync(ConfigDatabase database, long? version, CancellationToken ct)
    {
        await using var connection = database.CreateConnection();
        await connection.OpenAsync(ct);
        await using var command = version is { } v
            ? ConfigWriterTables.Command(connection,
                "SELECT sequence_number, created FROM journal WHERE persistence_id = @id AND sequence_number = @version", ("@id", HubConfigStore.Id), ("@version", v))
            : ConfigWriterTables.Command(connection,
                "SELECT sequence_number, created FROM journal WHERE persistence_id = @id ORDER BY sequence_number DESC LIMIT 1", ("@id", HubConfigStore.Id));
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? (reader.GetInt64(0), reader.GetInt64(1)) : null;
    }
}

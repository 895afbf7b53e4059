using SolarHub.ConfigStore.ClusterWriter;
using SolarHub.Database;

namespace SolarHub.ConfigStore;

/// <summary>
/// The version of the stored configuration (the store's latest sequence number in the journal of Akka.Persistence.Sql,
/// whose events are never deleted) read with one plain query, without starting the store or a query stream: the start
/// copy checks it, and a running store watches it for other clients' changes.
/// </summary>
public static class StoredVersion
{
    /// <summary>The latest version in <paramref name="database"/>; null when none is stored.</summary>
    /// <exception cref="System.Data.Common.DbException">The database or its journal cannot be read.</exception>
    public static async Task<long?> ReadAsync(ConfigDatabase database, CancellationToken ct)
    {
        await using var connection = database.CreateConnection();
        await connection.OpenAsync(ct);
        await using var command = ConfigWriterTables.Command(connection,
            "SELECT MAX(sequence_number) FROM journal WHERE persistence_id = @id", ("@id", HubConfigStore.Id));
        return await command.ExecuteScalarAsync(ct) is long version ? version : null;
    }

    /// <summary>
    /// The latest version in <paramref name="database"/> and when the journal stored it (its <c>created</c> column); null
    /// when none is stored. The two tell one database's history from another's that reached the same version.
    /// </summary>
    /// <exception cref="System.Data.Common.DbException">The database or its journal cannot be read.</exception>
    public static async Task<(long Version, long StoredAt)?> ReadLatestAsync(ConfigDatabase database, CancellationToken ct)
    {
        await using var connection = database.CreateConnection();
        await connection.OpenAsync(ct);
        await using var command = ConfigWriterTables.Command(connection,
            "SELECT sequence_number, created FROM journal WHERE persistence_id = @id ORDER BY sequence_number DESC LIMIT 1", ("@id", HubConfigStore.Id));
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? (reader.GetInt64(0), reader.GetInt64(1)) : null;
    }

    /// <summary>When the journal stored <paramref name="version"/> (its <c>created</c> column); null when it holds no such version.</summary>
    /// <exception cref="System.Data.Common.DbException">The database or its journal cannot be read.</exception>
    public static async Task<long?> StoredAtAsync(ConfigDatabase database, long version, CancellationToken ct)
    {
        await using var connection = database.CreateConnection();
        await connection.OpenAsync(ct);
        await using var command = ConfigWriterTables.Command(connection,
            "SELECT created FROM journal WHERE persistence_id = @id AND sequence_number = @version", ("@id", HubConfigStore.Id), ("@version", version));
        return await command.ExecuteScalarAsync(ct) is long storedAt ? storedAt : null;
    }
}

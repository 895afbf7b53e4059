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
}

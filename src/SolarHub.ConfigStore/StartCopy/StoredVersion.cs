using Microsoft.Data.Sqlite;
using SolarHub.Database;

namespace SolarHub.ConfigStore.StartCopy;

/// <summary>
/// The version of the stored configuration (the store's latest sequence number in the journal of Akka.Persistence.Sql,
/// whose events are never deleted) read with one query, without starting the store.
/// </summary>
public static class StoredVersion
{
    /// <summary>The latest version in the SQLite <paramref name="database"/>; null when there is none or it cannot be read.</summary>
    public static async Task<long?> ReadAsync(ConfigDatabase database, CancellationToken ct)
    {
        if (database.SqliteFile is null) return null;
        try
        {
            await using var connection = new SqliteConnection(database.ConnectionString);
            await connection.OpenAsync(ct);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT MAX(sequence_number) FROM journal WHERE persistence_id = @id";
            command.Parameters.AddWithValue("@id", HubConfigStore.Id);
            return await command.ExecuteScalarAsync(ct) is long version ? version : null;
        }
        catch (SqliteException)
        {
            return null; // no journal yet (a new database): nothing to compare with
        }
    }
}

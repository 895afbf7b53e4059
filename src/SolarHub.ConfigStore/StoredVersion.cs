using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;
using SolarHub.Database;

namespace SolarHub.ConfigStore;

/// <summary>
/// The version of the stored configuration (the store's latest sequence number in the journal of Akka.Persistence.Sql,
/// whose events are never deleted) read with one plain query, without starting the store or a query stream: the start
/// copy checks it, and a running store watches it for other clients' changes.
/// </summary>
public static class StoredVersion
{
    private const string Query = "SELECT MAX(sequence_number) FROM journal WHERE persistence_id = @id";

    /// <summary>The latest version in <paramref name="database"/>; null when there is none or it cannot be read.</summary>
    public static async Task<long?> ReadAsync(ConfigDatabase database, CancellationToken ct)
    {
        try
        {
            await using DbConnection connection = database.IsPostgres
                ? new NpgsqlConnection(database.ConnectionString)
                : new SqliteConnection(database.ConnectionString);
            await connection.OpenAsync(ct);
            await using var command = connection.CreateCommand();
            command.CommandText = Query;
            var id = command.CreateParameter();
            id.ParameterName = "@id";
            id.Value = HubConfigStore.Id;
            command.Parameters.Add(id);
            return await command.ExecuteScalarAsync(ct) is long version ? version : null;
        }
        catch (DbException)
        {
            return null; // no journal yet (a new database), or the database is unreachable: nothing to compare with
        }
    }
}

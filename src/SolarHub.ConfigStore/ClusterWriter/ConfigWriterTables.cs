using System.Data.Common;
using Npgsql;
using SolarHub.Database;

namespace SolarHub.ConfigStore.ClusterWriter;

/// <summary>
/// The two small tables beside the journal through which clients that are not cluster members (the CLI) reach the
/// cluster's configuration writer: <c>config_writer</c> (its lease, one row) and <c>config_inbox</c> (requests and their
/// answers). Created on first use, on SQLite and PostgreSQL. Times are seconds since 1970 by the database's clock.
/// </summary>
public sealed class ConfigWriterTables(ConfigDatabase database)
{
    private volatile bool _created;

    public ConfigDatabase Database { get; } = database;

    /// <summary>The database's clock, in seconds since 1970 (SQLite's is the machine's that holds the file).</summary>
    public string Now => Database.IsPostgres ? "EXTRACT(EPOCH FROM clock_timestamp())" : "((julianday('now') - 2440587.5) * 86400.0)";

    public async Task<DbConnection> OpenAsync(CancellationToken ct)
    {
        var connection = Database.CreateConnection();
        try
        {
            await connection.OpenAsync(ct);
            if (!_created) await CreateAsync(connection, ct);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public static DbCommand Command(DbConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }
        return command;
    }

    private async Task CreateAsync(DbConnection connection, CancellationToken ct)
    {
        const string Sql =
            "CREATE TABLE IF NOT EXISTS config_writer (id INTEGER PRIMARY KEY, node TEXT NOT NULL, renewed_at DOUBLE PRECISION NOT NULL);" +
            "CREATE TABLE IF NOT EXISTS config_inbox (request_id TEXT PRIMARY KEY, manifest TEXT NOT NULL, payload TEXT NOT NULL, " +
            "submitted_at DOUBLE PRECISION NOT NULL, answered_by TEXT, answer_manifest TEXT, answer TEXT)";
        await using var command = Command(connection, Sql);
        try { await command.ExecuteNonQueryAsync(ct); }
        // Two processes creating the tables at once on PostgreSQL: one of them finds the other's (unique_violation on the catalog).
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.DuplicateTable) { }
        _created = true;
    }
}

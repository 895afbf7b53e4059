using Microsoft.Data.Sqlite;
using Npgsql;
using SolarHub.Database;

namespace SolarHub.ConfigStore;

/// <summary>
/// What one attempt to open the database found. <see cref="MayComeUp"/>: the server is not there yet (refused, timed
/// out, starting up), so waiting can help, as at boot when PostgreSQL starts after the hub; a directory, a file that is
/// not SQLite, a wrong password or a missing database stay wrong until someone fixes them.
/// </summary>
public sealed record DatabaseAnswer(string? Problem, bool MayComeUp)
{
    public static DatabaseAnswer Reachable { get; } = new(null, false);

    public bool IsReachable => Problem is null;
}

/// <summary>Opens the configuration database once, without Akka.Persistence, so a failure is one line with the driver's reason.</summary>
public static class DatabaseProbe
{
    // SQLite's primary result codes (sqlite.org/rescode.html): another process holds the lock for a moment.
    private const int SqliteBusy = 5, SqliteLocked = 6;

    public static async Task<DatabaseAnswer> CheckAsync(ConfigDatabase database, CancellationToken ct)
    {
        try
        {
            if (database.IsPostgres)
            {
                var builder = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Timeout = 5, Pooling = false };
                await using var connection = new NpgsqlConnection(builder.ConnectionString);
                await connection.OpenAsync(ct);
            }
            else
            {
                await using var connection = new SqliteConnection(database.ConnectionString);
                await connection.OpenAsync(ct);
                await using var command = connection.CreateCommand();
                command.CommandText = "PRAGMA schema_version";
                await command.ExecuteScalarAsync(ct);
                await MakeDurableAsync(connection, ct);
            }
            return DatabaseAnswer.Reachable;
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException or IOException or TimeoutException or ArgumentException)
        {
            return new DatabaseAnswer($"cannot open {database.Description}: {e.GetBaseException().Message}", MayComeUp(e));
        }
    }

    /// <summary>
    /// Puts a SQLite database in WAL mode (kept in the file) before the store writes it. In SQLite's default rollback
    /// mode a commit is the deletion of the journal file, which the directory may not hold yet when the system dies or
    /// ext4 turns itself read-only: the journal comes back, and the next start rolls an acknowledged change back (bench
    /// faults' database-read-only row lost one so, whenever the history had not yet switched the file to WAL). In WAL
    /// mode a commit is an append that SQLite syncs. A database that cannot be written (read-only, another process
    /// holding it) stays as it is: it is changed by the first client that can.
    /// </summary>
    private static async Task MakeDurableAsync(SqliteConnection connection, CancellationToken ct)
    {
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode = WAL";
            await command.ExecuteScalarAsync(ct);
        }
        catch (SqliteException) { }
    }

    private static bool MayComeUp(Exception e) => e switch
    {
        // Npgsql marks network failures, timeouts and "the database system is starting up" (57P03) as transient.
        NpgsqlException npgsql => npgsql.IsTransient,
        SqliteException { SqliteErrorCode: SqliteBusy or SqliteLocked } => true,
        TimeoutException => true,
        _ => false,
    };
}

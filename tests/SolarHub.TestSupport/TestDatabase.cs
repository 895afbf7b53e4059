using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

using SolarHub.ConfigStore;
using SolarHub.Database;

namespace SolarHub.TestSupport;

/// <summary>
/// A database of its own for one test: a SQLite file in a temporary folder, or a fresh database on the PostgreSQL test
/// server named by <c>SOLARHUB_TEST_POSTGRES</c> (scripts/postgres-test-server.sh). Dropped when disposed.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string PostgresVariable = "SOLARHUB_TEST_POSTGRES";

    private readonly Func<Task> _drop;

    private TestDatabase(ConfigDatabase database, Func<Task> drop)
    {
        Config = database;
        _drop = drop;
    }

    public ConfigDatabase Config { get; }

    public bool IsPostgres => Config.IsPostgres;

    public static Task<TestDatabase> CreateAsync(string kind) => kind switch
    {
        "sqlite" => Task.FromResult(Sqlite()),
        "postgres" => PostgresAsync(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "sqlite or postgres"),
    };

    public static TestDatabase Sqlite()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"solarhub-test-{Guid.NewGuid():N}");
        var database = ConfigDatabase.Sqlite(Path.Combine(folder, "solarhub.db"));
        return new TestDatabase(database, () =>
        {
            SqliteConnection.ClearAllPools();
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            return Task.CompletedTask;
        });
    }

    /// <summary>The server from the environment; a missing variable is a failure that says how to start the server.</summary>
    public static string PostgresServer() =>
        Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } server ? server
            : throw new InvalidOperationException(
                $"{PostgresVariable} is not set: the PostgreSQL tests need a server. Start one with " +
                $"'export {PostgresVariable}=$(scripts/postgres-test-server.sh start build/postgres)' (stop it with 'scripts/postgres-test-server.sh stop build/postgres').");

    public static async Task<TestDatabase> PostgresAsync()
    {
        var server = ConfigDatabase.Parse(PostgresServer());
        var name = $"solarhub_test_{Guid.NewGuid():N}";
        var admin = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Pooling = false };
        await using (var connection = new NpgsqlConnection(admin.ConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }
        var database = ConfigDatabase.Parse(new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = name }.ConnectionString);
        return new TestDatabase(database, async () =>
        {
            await using var connection = new NpgsqlConnection(admin.ConnectionString);
            await connection.OpenAsync();
            NpgsqlConnection.ClearAllPools();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        });
    }

    public DbConnection Open()
    {
        DbConnection connection = IsPostgres ? new NpgsqlConnection(Config.ConnectionString) : new SqliteConnection(Config.ConnectionString);
        connection.Open();
        return connection;
    }

    /// <summary>One number from the database, e.g. how many change sets the journal holds (0 when the tables do not exist yet).</summary>
    public long Scalar(string sql)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        try
        {
            return command.ExecuteScalar() is { } value and not DBNull ? Convert.ToInt64(value) : 0;
        }
        catch (DbException e) when (e.Message.Contains("no such table") || e.Message.Contains("does not exist"))
        {
            return 0;
        }
    }

    public void Execute(string sql)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public async ValueTask DisposeAsync() => await _drop();
}

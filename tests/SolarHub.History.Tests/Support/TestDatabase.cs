using Microsoft.Data.Sqlite;
using Npgsql;
using SolarHub.ConfigStore;

namespace SolarHub.History.Tests.Support;

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

    public static Task<TestDatabase> CreateAsync(string kind) => kind switch
    {
        "sqlite" => Task.FromResult(Sqlite()),
        "postgres" => PostgresAsync(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "sqlite or postgres"),
    };

    public static TestDatabase Sqlite()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"solarhub-history-test-{Guid.NewGuid():N}");
        var database = ConfigDatabase.Sqlite(Path.Combine(folder, "solarhub.db"));
        return new TestDatabase(database, () =>
        {
            SqliteConnection.ClearAllPools();
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            return Task.CompletedTask;
        });
    }

    public static async Task<TestDatabase> PostgresAsync()
    {
        var url = Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } s ? s
            : throw new InvalidOperationException($"{PostgresVariable} is not set: start a server with 'export {PostgresVariable}=$(scripts/postgres-test-server.sh start build/postgres)'.");
        var server = ConfigDatabase.Parse(url);
        var name = $"solarhub_history_{Guid.NewGuid():N}";
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
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(admin.ConnectionString);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        });
    }

    public async ValueTask DisposeAsync() => await _drop();
}

using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace SolarHub.History.Storage;

/// <summary>What differs between SQLite and PostgreSQL for the history tables (little: the SQL is otherwise shared).</summary>
public abstract class HistoryDialect
{
    public static HistoryDialect Sqlite { get; } = new SqliteDialect();
    public static HistoryDialect Postgres { get; } = new PostgresDialect();

    /// <summary>The dialect of a <see cref="SolarHub.ConfigStore.ConfigDatabase.ProviderName"/>.</summary>
    public static HistoryDialect For(string providerName) =>
        providerName.StartsWith("PostgreSQL", StringComparison.OrdinalIgnoreCase) ? Postgres : Sqlite;

    public abstract DbConnection CreateConnection(string connectionString);

    /// <summary>Run on every opened connection.</summary>
    public virtual Task PrepareAsync(DbConnection connection, CancellationToken ct) => Task.CompletedTask;

    /// <summary>Run once per store before the tables are created.</summary>
    public virtual Task InitializeAsync(DbConnection connection, CancellationToken ct) => Task.CompletedTask;

    /// <summary>The SQL placeholder of the <paramref name="index"/>th (0-based) parameter of a statement, and the name its parameter gets.</summary>
    public abstract string Placeholder(int index);
    public abstract string ParameterName(int index);

    /// <summary>The smaller / larger of two non-null values (SQLite's scalar MIN/MAX, PostgreSQL's LEAST/GREATEST).</summary>
    public abstract string Least(string a, string b);
    public abstract string Greatest(string a, string b);

    private sealed class SqliteDialect : HistoryDialect
    {
        public override DbConnection CreateConnection(string connectionString) => new SqliteConnection(connectionString);

        // The Akka journal writes the same file: wait for its locks rather than fail at once.
        public override Task PrepareAsync(DbConnection connection, CancellationToken ct) => Execute(connection, "PRAGMA busy_timeout = 10000", ct);

        // WAL: readers (queries, exports) never block the writers, and a commit is one sequential append.
        public override Task InitializeAsync(DbConnection connection, CancellationToken ct) => Execute(connection, "PRAGMA journal_mode = WAL", ct);

        public override string Placeholder(int index) => $"@p{index}";
        public override string ParameterName(int index) => $"@p{index}";
        public override string Least(string a, string b) => $"MIN({a}, {b})";
        public override string Greatest(string a, string b) => $"MAX({a}, {b})";

        private static async Task Execute(DbConnection connection, string sql, CancellationToken ct)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            await command.ExecuteNonQueryAsync(ct);
        }
    }

    private sealed class PostgresDialect : HistoryDialect
    {
        // Auto-prepare: the same few insert and merge statements run thousands of times; parsing and planning the
        // merge (40 expressions) each time cost more than running it.
        public override DbConnection CreateConnection(string connectionString) =>
            new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = 20, AutoPrepareMinUsages = 2 }.ConnectionString);
        // Positional: Npgsql sends batched statements as they are, with no rewriting of named parameters.
        public override string Placeholder(int index) => $"${index + 1}";
        public override string ParameterName(int index) => "";
        public override string Least(string a, string b) => $"LEAST({a}, {b})";
        public override string Greatest(string a, string b) => $"GREATEST({a}, {b})";
    }
}

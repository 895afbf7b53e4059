using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;
using SolarHub.Database;

namespace SolarHub.History.Storage;

/// <summary>What differs between SQLite and PostgreSQL for the history tables (little: the SQL is otherwise shared).</summary>
public abstract class HistoryDialect
{
    public static HistoryDialect Sqlite { get; } = new SqliteDialect();
    public static HistoryDialect Postgres { get; } = new PostgresDialect();

    public static HistoryDialect For(DatabaseKind kind) => kind == DatabaseKind.PostgreSql ? Postgres : Sqlite;

    public abstract DbConnection CreateConnection(string connectionString);

    /// <summary>The connection string of a reader that must change nothing in the database (an export).</summary>
    public abstract string ReadOnly(string connectionString);

    /// <summary>A query counting the tables named by the first parameter (0 or 1) in the database's schema.</summary>
    public abstract string CountTablesSql { get; }

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

        public override string ReadOnly(string connectionString)
        {
            var builder = new SqliteConnectionStringBuilder(connectionString) { Mode = SqliteOpenMode.ReadOnly };
            // A WAL database whose -wal file is gone (no node has it open) holds everything in its main file, but SQLite,
            // even read-only, would create -wal and -shm files beside it, and fail where the folder is not writable (the
            // service user's). Immutable reads the file as it is and creates nothing. With a -wal file present, a node
            // may be writing: the plain read-only mode shares its log and locks.
            if (IsWalWithoutLog(builder.DataSource))
                builder.DataSource = new Uri(Path.GetFullPath(builder.DataSource)).AbsoluteUri + "?immutable=1";
            return builder.ToString();
        }

        public override string CountTablesSql => "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = @p0";

        // The Akka journal writes the same file: wait for its locks rather than fail at once.
        public override Task PrepareAsync(DbConnection connection, CancellationToken ct) => Execute(connection, "PRAGMA busy_timeout = 10000", ct);

        // WAL: readers (queries, exports) never block the writers, and a commit is one sequential append.
        public override Task InitializeAsync(DbConnection connection, CancellationToken ct) => Execute(connection, "PRAGMA journal_mode = WAL", ct);

        public override string Placeholder(int index) => $"@p{index}";
        public override string ParameterName(int index) => $"@p{index}";
        public override string Least(string a, string b) => $"MIN({a}, {b})";
        public override string Greatest(string a, string b) => $"MAX({a}, {b})";

        private static bool IsWalWithoutLog(string path)
        {
            if (File.Exists(path + "-wal")) return false;
            // The file format's header: bytes 18 and 19 (read and write versions) are 2 in WAL mode.
            Span<byte> header = stackalloc byte[20];
            try
            {
                using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                return file.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) == header.Length
                    && header[..16].SequenceEqual("SQLite format 3\0"u8) && header[18] == 2 && header[19] == 2;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // SQLite itself then says what is wrong with the file.
                return false;
            }
        }

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

        // The server refuses any write in the reader's transactions.
        public override string ReadOnly(string connectionString)
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            builder.Options = $"{builder.Options} -c default_transaction_read_only=on".TrimStart();
            return builder.ConnectionString;
        }

        public override string CountTablesSql => "SELECT count(*) FROM pg_catalog.pg_tables WHERE tablename = $1 AND schemaname = ANY (current_schemas(false))";
        // Positional: Npgsql sends batched statements as they are, with no rewriting of named parameters.
        public override string Placeholder(int index) => $"${index + 1}";
        public override string ParameterName(int index) => "";
        public override string Least(string a, string b) => $"LEAST({a}, {b})";
        public override string Greatest(string a, string b) => $"GREATEST({a}, {b})";
    }
}

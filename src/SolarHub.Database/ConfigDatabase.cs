using System.Data.Common;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;

namespace SolarHub.Database;

/// <summary>Where the configuration lives: a SQLite file (the default) or a PostgreSQL server (for clusters).</summary>
public sealed partial record ConfigDatabase(string ConnectionString, DatabaseKind Kind, string Description)
{
    public bool IsPostgres => Kind == DatabaseKind.PostgreSql;

    /// <summary>The SQLite file's full path; null for PostgreSQL.</summary>
    public string? SqliteFile { get; init; }

    public const string DefaultSqlitePath = "data/solarhub.db";

    /// <summary>A new, closed connection to this database, of its driver (pooled, as the connection string says).</summary>
    public DbConnection CreateConnection() => IsPostgres ? PostgresDriver.Connect(ConnectionString) : new SqliteConnection(ConnectionString);

    /// <summary>
    /// Reads <c>--database</c>: nothing means <c>./data/solarhub.db</c>; a <c>postgres://</c> or
    /// <c>postgresql://user:pass@host:port/db</c> URL or an Npgsql connection string (<c>Host=…</c>) means
    /// PostgreSQL; any other <c>scheme://</c> is refused (<see cref="ArgumentException"/>); anything else is a SQLite file path (its folder is created unless <paramref name="createFolder"/>
    /// is false: a reader must leave nothing behind where a path was mistyped).
    /// </summary>
    public static ConfigDatabase Parse(string? value, bool createFolder = true)
    {
        if (string.IsNullOrWhiteSpace(value)) return Sqlite(DefaultSqlitePath, createFolder);
        if (value.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || value.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
            return PostgresDriver.FromUrl(new Uri(value));
        // mysql://... would otherwise become a SQLite file named "mysql:/..." in the working directory.
        if (UrlScheme().Match(value) is { Success: true } url)
            throw new ArgumentException($"'{url.Groups[1].Value}://' is not a database SolarHub can use: give a SQLite file path or postgresql://user:password@host:port/database");
        if (value.Contains("Host=", StringComparison.OrdinalIgnoreCase)) return PostgresDriver.FromConnectionString(value);
        return Sqlite(value, createFolder);
    }

    public static ConfigDatabase Sqlite(string path, bool createFolder = true)
    {
        var full = Path.GetFullPath(path);
        if (createFolder) Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        return new ConfigDatabase($"Data Source={full}", DatabaseKind.Sqlite, $"sqlite:{full}") { SqliteFile = full };
    }

    [GeneratedRegex(@"^([A-Za-z][A-Za-z0-9+.-]*)://")]
    private static partial Regex UrlScheme();
}

using System.Data.Common;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace SolarHub.Database;

/// <summary>Where the configuration lives: a SQLite file (the default) or a PostgreSQL server (for clusters).</summary>
public sealed partial record ConfigDatabase(string ConnectionString, DatabaseKind Kind, string Description)
{
    public bool IsPostgres => Kind == DatabaseKind.PostgreSql;

    /// <summary>The SQLite file's full path; null for PostgreSQL.</summary>
    public string? SqliteFile { get; init; }

    public const string DefaultSqlitePath = "data/solarhub.db";

    /// <summary>A new, closed connection to this database, of its driver (pooled, as the connection string says).</summary>
    public DbConnection CreateConnection() => IsPostgres ? new NpgsqlConnection(ConnectionString) : new SqliteConnection(ConnectionString);

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
            return FromPostgresUrl(new Uri(value));
        // mysql://... would otherwise become a SQLite file named "mysql:/..." in the working directory.
        if (UrlScheme().Match(value) is { Success: true } url)
            throw new ArgumentException($"'{url.Groups[1].Value}://' is not a database SolarHub can use: give a SQLite file path or postgresql://user:password@host:port/database");
        if (value.Contains("Host=", StringComparison.OrdinalIgnoreCase))
        {
            var builder = new NpgsqlConnectionStringBuilder(value);
            return new ConfigDatabase(builder.ConnectionString, DatabaseKind.PostgreSql, $"postgresql://{builder.Host}:{builder.Port}/{builder.Database}");
        }
        return Sqlite(value, createFolder);
    }

    public static ConfigDatabase Sqlite(string path, bool createFolder = true)
    {
        var full = Path.GetFullPath(path);
        if (createFolder) Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        return new ConfigDatabase($"Data Source={full}", DatabaseKind.Sqlite, $"sqlite:{full}") { SqliteFile = full };
    }

    private static ConfigDatabase FromPostgresUrl(Uri url)
    {
        var user = url.UserInfo.Split(':', 2);
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = url.Host,
            Port = url.IsDefaultPort || url.Port <= 0 ? 5432 : url.Port,
            Database = url.AbsolutePath.Trim('/') is { Length: > 0 } db ? db : "solarhub",
            Username = Uri.UnescapeDataString(user[0]),
        };
        if (user.Length > 1) builder.Password = Uri.UnescapeDataString(user[1]);
        return new ConfigDatabase(builder.ConnectionString, DatabaseKind.PostgreSql, $"postgresql://{builder.Host}:{builder.Port}/{builder.Database}");
    }

    [GeneratedRegex(@"^([A-Za-z][A-Za-z0-9+.-]*)://")]
    private static partial Regex UrlScheme();
}

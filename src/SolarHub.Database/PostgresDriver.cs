using System.Data.Common;
using System.Runtime.CompilerServices;
using Npgsql;

namespace SolarHub.Database;

/// <summary>
/// Npgsql's types, for the code a SQLite node runs too. The JIT loads an assembly when it compiles a method that names
/// one of its types, or inlines one that does: kept here, behind methods it may not inline, Npgsql is loaded only by a
/// node that uses PostgreSQL (on a SQLite node it was some 1-2 MiB of resident memory for nothing, docs/benchmarks.md).
/// </summary>
public static class PostgresDriver
{
    /// <summary>A new, closed connection, pooled as the connection string says.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static DbConnection Connect(string connectionString) => new NpgsqlConnection(connectionString);

    /// <summary>A new, closed connection outside the pool, that gives up opening after <paramref name="timeoutSeconds"/>: for one look at the server.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static DbConnection ConnectOnce(string connectionString, int timeoutSeconds) =>
        new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Timeout = timeoutSeconds, Pooling = false }.ConnectionString);

    /// <summary>True when Npgsql says trying again may help: a network failure, a timeout, a server starting up (57P03).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static bool IsTransient(Exception e) => e is NpgsqlException { IsTransient: true };

    /// <summary>The database an Npgsql connection string (<c>Host=…</c>) names.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static ConfigDatabase FromConnectionString(string value)
    {
        var builder = new NpgsqlConnectionStringBuilder(value);
        return Of(builder);
    }

    /// <summary>The database a <c>postgresql://user:password@host:port/database</c> URL names (database "solarhub" when it names none).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static ConfigDatabase FromUrl(Uri url)
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
        return Of(builder);
    }

    private static ConfigDatabase Of(NpgsqlConnectionStringBuilder builder) =>
        new(builder.ConnectionString, DatabaseKind.PostgreSql, $"postgresql://{builder.Host}:{builder.Port}/{builder.Database}");
}

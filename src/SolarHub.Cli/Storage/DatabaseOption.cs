using System.CommandLine;
using SolarHub.ConfigStore;
using SolarHub.Database;

namespace SolarHub.Cli.Storage;

/// <summary>The <c>--database</c> option every verb that touches the stored configuration shares.</summary>
public static class DatabaseOption
{
    public const string EnvironmentVariable = "SOLARHUB_DATABASE";

    public static Option<string?> Create() => new("--database", "-d")
    {
        Description = $"Where the configuration is stored: a SQLite file (default {ConfigDatabase.DefaultSqlitePath}, or ${EnvironmentVariable}) " +
            "or PostgreSQL (postgresql://user:password@host:port/database, or an Npgsql connection string).",
    };

    /// <param name="createFolder">False for verbs that only read: a mistyped SQLite path leaves no folder behind.</param>
    /// <param name="exitCode">When false: 2 for a value that is not a database (bad usage), 1 when the SQLite file's
    /// folder cannot be created (a read-only place, a missing mount: the database cannot be used).</param>
    public static bool TryParse(string? value, out ConfigDatabase? database, out string error, out int exitCode, bool createFolder = true)
    {
        database = null;
        exitCode = 0;
        try
        {
            database = ConfigDatabase.Parse(value ?? Environment.GetEnvironmentVariable(EnvironmentVariable), createFolder);
            error = "";
            return true;
        }
        catch (Exception e) when (e is ArgumentException or UriFormatException)
        {
            (error, exitCode) = ($"--database: {e.Message}", 2);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            (error, exitCode) = ($"--database: cannot create the database's folder: {e.Message}", 1);
        }
        return false;
    }
}

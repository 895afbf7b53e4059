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
    public static bool TryParse(string? value, out ConfigDatabase? database, out string error, bool createFolder = true)
    {
        try
        {
            database = ConfigDatabase.Parse(value ?? Environment.GetEnvironmentVariable(EnvironmentVariable), createFolder);
            error = "";
            return true;
        }
        catch (Exception e) when (e is ArgumentException or UriFormatException or IOException or UnauthorizedAccessException)
        {
            database = null;
            error = $"--database: {e.Message}";
            return false;
        }
    }
}

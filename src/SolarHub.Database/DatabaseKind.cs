namespace SolarHub.Database;

/// <summary>The database servers SolarHub stores its configuration and history in.</summary>
public enum DatabaseKind
{
    /// <summary>A SQLite file: the default, one node.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server: shared by the nodes of a cluster.</summary>
    PostgreSql,
}

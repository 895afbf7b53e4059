namespace SolarHub.History.Storage;

/// <summary>A read-only store was asked for history its database has no tables for: not a database a node has recorded to.</summary>
public sealed class MissingHistoryException(string database, string table)
    : InvalidOperationException($"{database} holds no telemetry history (no table {table}): history is recorded by a node that runs with this database")
{
    public string Database { get; } = database;
    public string Table { get; } = table;
}

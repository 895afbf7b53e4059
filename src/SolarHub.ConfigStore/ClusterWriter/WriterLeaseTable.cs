namespace SolarHub.ConfigStore.ClusterWriter;

/// <summary>The cluster writer's lease (table <c>config_writer</c>, one row): renewed by the writer, read by clients.</summary>
public sealed class WriterLeaseTable(ConfigWriterTables tables)
{
    /// <summary>Names <paramref name="node"/> as the writer, now (a writer that moved takes the row over).</summary>
    public async Task RenewAsync(string node, CancellationToken ct)
    {
        await using var connection = await tables.OpenAsync(ct);
        await using var command = ConfigWriterTables.Command(connection,
            $"INSERT INTO config_writer (id, node, renewed_at) VALUES (1, @node, {tables.Now}) " +
            "ON CONFLICT (id) DO UPDATE SET node = excluded.node, renewed_at = excluded.renewed_at", ("@node", node));
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The last writer and the age of its lease; null when no cluster writer ever ran on this database.</summary>
    public async Task<WriterLease?> ReadAsync(CancellationToken ct)
    {
        await using var connection = await tables.OpenAsync(ct);
        await using var command = ConfigWriterTables.Command(connection, $"SELECT node, {tables.Now} - renewed_at FROM config_writer WHERE id = 1");
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) return null;
        return new WriterLease(reader.GetString(0), TimeSpan.FromSeconds(Convert.ToDouble(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture)));
    }
}

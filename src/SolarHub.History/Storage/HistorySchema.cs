using System.Data.Common;

namespace SolarHub.History.Storage;

/// <summary>The history tables' SQL: their creation, the insert of raw samples and the merge of hourly and daily aggregates.</summary>
public sealed class HistorySchema(HistoryDialect dialect)
{
    private readonly HistoryDialect _dialect = dialect;

    public static async Task CreateTablesAsync(DbConnection connection, CancellationToken ct)
    {
        foreach (var table in new[] { HistoryTable.Bank, HistoryTable.Pack })
        {
            string key = table.HasPack ? "bank_id, address" : "bank_id";
            string keyColumns = "bank_id TEXT NOT NULL, " + (table.HasPack ? "address INTEGER NOT NULL, " : "");
            var statements = new List<string>
            {
                $"CREATE TABLE IF NOT EXISTS {table.Raw} ({keyColumns}at_ms BIGINT NOT NULL, " +
                    string.Concat(table.Columns.Select(c => $"{Quote(c)} DOUBLE PRECISION, ")) + $"PRIMARY KEY ({key}, at_ms))",
                // Retention deletes by time across all series.
                $"CREATE INDEX IF NOT EXISTS {table.Raw}_at ON {table.Raw} (at_ms)",
            };
            foreach (var aggregate in new[] { table.Hourly, table.Daily })
                statements.Add($"CREATE TABLE IF NOT EXISTS {aggregate} ({keyColumns}bucket_ms BIGINT NOT NULL, samples INTEGER NOT NULL, " +
                    string.Concat(table.Columns.Select(c => $"{c}_n BIGINT NOT NULL, {c}_sum DOUBLE PRECISION, {c}_min DOUBLE PRECISION, {c}_max DOUBLE PRECISION, ")) +
                    $"PRIMARY KEY ({key}, bucket_ms))");
            statements.Add($"CREATE INDEX IF NOT EXISTS {table.Hourly}_bucket ON {table.Hourly} (bucket_ms)");
            foreach (var sql in statements)
            {
                await using var command = connection.CreateCommand();
                command.CommandText = sql;
                await command.ExecuteNonQueryAsync(ct);
            }
        }
    }

    public string InsertSql(HistoryTable table)
    {
        var columns = new List<string> { "bank_id", "at_ms" };
        if (table.HasPack) columns.Add("address");
        columns.AddRange(table.Columns.Select(Quote));
        return $"INSERT INTO {table.Raw} ({string.Join(", ", columns)}) VALUES ({Placeholders(columns.Count)}) ON CONFLICT DO NOTHING";
    }

    public string MergeSql(HistoryTable table, string name)
    {
        var columns = new List<string> { "bank_id", "bucket_ms" };
        if (table.HasPack) columns.Add("address");
        string key = string.Join(", ", columns);
        columns.Add("samples");
        var updates = new List<string> { $"samples = {name}.samples + excluded.samples" };
        foreach (var c in table.Columns)
        {
            columns.AddRange([$"{c}_n", $"{c}_sum", $"{c}_min", $"{c}_max"]);
            string old = $"{name}.{c}", added = $"excluded.{c}";
            updates.Add($"{c}_n = {old}_n + {added}_n");
            // Either side may be NULL (nothing measured): the other one then stands.
            updates.Add($"{c}_sum = COALESCE({old}_sum + {added}_sum, {old}_sum, {added}_sum)");
            updates.Add($"{c}_min = {_dialect.Least($"COALESCE({old}_min, {added}_min)", $"COALESCE({added}_min, {old}_min)")}");
            updates.Add($"{c}_max = {_dialect.Greatest($"COALESCE({old}_max, {added}_max)", $"COALESCE({added}_max, {old}_max)")}");
        }
        return $"INSERT INTO {name} ({string.Join(", ", columns)}) VALUES ({Placeholders(columns.Count)}) ON CONFLICT ({key}) DO UPDATE SET {string.Join(", ", updates)}";
    }

    private string Placeholders(int count) => string.Join(", ", Enumerable.Range(0, count).Select(_dialect.Placeholder));

    // "current" is a keyword to some SQL parsers: metric columns are always quoted (they are lower case, so quoting changes nothing else).
    public static string Quote(string column) => $"\"{column}\"";
}

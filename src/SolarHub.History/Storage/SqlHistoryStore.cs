using System.Data.Common;
using System.Runtime.CompilerServices;
using SolarHub.ConfigStore;
using SolarHub.History.Querying;

namespace SolarHub.History.Storage;

/// <summary>
/// History in SQL tables beside the configuration (plain ADO.NET; the Akka journal's tables are never touched), created
/// on first use. Times are UTC Unix milliseconds; a bucket is the start of its hour or day. Aggregates keep per metric
/// count, sum, min and max, so merging new samples into a stored bucket needs no re-read of raw samples.
/// </summary>
public sealed class SqlHistoryStore : IHistoryStore
{
    public const long HourMs = 3_600_000;
    public const long DayMs = 86_400_000;

    private readonly string _connectionString;
    private readonly HistoryDialect _dialect;
    private volatile bool _schemaReady;

    public SqlHistoryStore(string connectionString, HistoryDialect dialect, string description)
    {
        _connectionString = connectionString;
        _dialect = dialect;
        Description = description;
    }

    public static SqlHistoryStore For(ConfigDatabase database) =>
        new(database.ConnectionString, HistoryDialect.For(database.ProviderName), database.Description);

    public string Description { get; }

    public async Task<int> WriteAsync(IReadOnlyList<HistorySample> samples, CancellationToken ct = default)
    {
        if (samples.Count == 0) return 0;
        await using var connection = await OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var inserts = new Dictionary<HistoryTable, DbCommand>();
        var buckets = new Dictionary<(HistoryTable Table, bool Daily, string Bank, byte? Pack, long Bucket), BucketAggregate>();
        int inserted = 0;
        try
        {
            foreach (var sample in samples)
            {
                var table = sample.Table;
                if (!inserts.TryGetValue(table, out var insert)) inserts[table] = insert = InsertCommand(connection, transaction, table);
                long at = sample.At.ToUnixTimeMilliseconds();
                insert.Parameters[0].Value = sample.BankId;
                insert.Parameters[1].Value = at;
                int first = 2;
                if (table.HasPack) insert.Parameters[first++].Value = (int)sample.Pack!.Value;
                for (int i = 0; i < table.Columns.Count; i++) insert.Parameters[first + i].Value = DbValue(sample.Values[i]);
                // Only a sample stored now joins the aggregates: writing a batch again (a retry after an unclear
                // commit) changes nothing.
                if (await insert.ExecuteNonQueryAsync(ct) != 1) continue;
                inserted++;
                Bucket(table, false, sample.BankId, sample.Pack, at - Mod(at, HourMs)).Add(sample.Values);
                Bucket(table, true, sample.BankId, sample.Pack, at - Mod(at, DayMs)).Add(sample.Values);
            }

            var merges = new Dictionary<(HistoryTable, bool), DbCommand>();
            foreach (var ((table, daily, bank, pack, bucket), aggregate) in buckets)
            {
                if (!merges.TryGetValue((table, daily), out var merge)) merges[(table, daily)] = merge = MergeCommand(connection, transaction, table, daily ? table.Daily : table.Hourly);
                merge.Parameters[0].Value = bank;
                merge.Parameters[1].Value = bucket;
                int first = 2;
                if (table.HasPack) merge.Parameters[first++].Value = (int)pack!.Value;
                merge.Parameters[first++].Value = aggregate.Samples;
                for (int i = 0; i < table.Columns.Count; i++)
                {
                    bool any = aggregate.Counts[i] > 0;
                    merge.Parameters[first + 4 * i].Value = aggregate.Counts[i];
                    merge.Parameters[first + 4 * i + 1].Value = any ? aggregate.Sums[i] : DBNull.Value;
                    merge.Parameters[first + 4 * i + 2].Value = any ? aggregate.Mins[i] : DBNull.Value;
                    merge.Parameters[first + 4 * i + 3].Value = any ? aggregate.Maxes[i] : DBNull.Value;
                }
                await merge.ExecuteNonQueryAsync(ct);
            }
            foreach (var merge in merges.Values) await merge.DisposeAsync();
            await transaction.CommitAsync(ct);
            return inserted;
        }
        finally
        {
            foreach (var insert in inserts.Values) await insert.DisposeAsync();
        }

        BucketAggregate Bucket(HistoryTable table, bool daily, string bank, byte? pack, long bucket)
        {
            var key = (table, daily, bank, pack, bucket);
            if (!buckets.TryGetValue(key, out var aggregate)) buckets[key] = aggregate = new BucketAggregate(table.Columns.Count);
            return aggregate;
        }
    }

    public async Task<long> DeleteExpiredAsync(DateTimeOffset rawBefore, DateTimeOffset hourlyBefore, CancellationToken ct = default)
    {
        await using var connection = await OpenAsync(ct);
        long deleted = 0;
        foreach (var table in new[] { HistoryTable.Bank, HistoryTable.Pack })
        {
            deleted += await Delete($"DELETE FROM {table.Raw} WHERE at_ms < @before", rawBefore);
            deleted += await Delete($"DELETE FROM {table.Hourly} WHERE bucket_ms < @before", hourlyBefore);
        }
        return deleted;

        async Task<long> Delete(string sql, DateTimeOffset before)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            Add(command, "@before", before.ToUnixTimeMilliseconds());
            return await command.ExecuteNonQueryAsync(ct);
        }
    }

    public async IAsyncEnumerable<HistoryPoint> ReadAsync(HistoryQuery query, [EnumeratorCancellation] CancellationToken ct = default)
    {
        var table = query.Table;
        var resolution = query.EffectiveResolution;
        long from = query.From.ToUnixTimeMilliseconds(), to = query.To.ToUnixTimeMilliseconds();
        await using var connection = await OpenAsync(ct);
        await using var command = connection.CreateCommand();
        string pack = table.HasPack ? " AND address = @pack" : "";
        if (resolution == HistoryResolution.Raw)
        {
            command.CommandText = $"SELECT at_ms, {string.Join(", ", table.Columns.Select(Quote))} FROM {table.Raw} " +
                $"WHERE bank_id = @bank{pack} AND at_ms >= @from AND at_ms < @to ORDER BY at_ms";
        }
        else
        {
            // A bucket that starts before 'from' but reaches into the span is part of the answer.
            long size = resolution == HistoryResolution.Hour ? HourMs : DayMs;
            from -= Mod(from, size);
            command.CommandText = $"SELECT bucket_ms, samples, {string.Join(", ", table.Columns.SelectMany(c => new[] { $"{c}_n", $"{c}_sum", $"{c}_min", $"{c}_max" }))} " +
                $"FROM {(resolution == HistoryResolution.Hour ? table.Hourly : table.Daily)} " +
                $"WHERE bank_id = @bank{pack} AND bucket_ms >= @from AND bucket_ms < @to ORDER BY bucket_ms";
        }
        Add(command, "@bank", query.BankId);
        if (table.HasPack) Add(command, "@pack", (int)query.Pack!.Value);
        Add(command, "@from", from);
        Add(command, "@to", to);

        await using var reader = await command.ExecuteReaderAsync(ct);
        int metrics = table.Columns.Count;
        while (await reader.ReadAsync(ct))
        {
            var at = DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(reader.GetValue(0)));
            var values = new HistoryValue?[metrics];
            if (resolution == HistoryResolution.Raw)
            {
                for (int i = 0; i < metrics; i++)
                    if (!reader.IsDBNull(1 + i)) { double v = reader.GetDouble(1 + i); values[i] = new HistoryValue(v, v, v); }
                yield return new HistoryPoint(at, 1, values);
            }
            else
            {
                for (int i = 0; i < metrics; i++)
                {
                    int c = 2 + 4 * i;
                    long n = Convert.ToInt64(reader.GetValue(c));
                    if (n > 0) values[i] = new HistoryValue(reader.GetDouble(c + 1) / n, reader.GetDouble(c + 2), reader.GetDouble(c + 3));
                }
                yield return new HistoryPoint(at, Convert.ToInt32(reader.GetValue(1)), values);
            }
        }
    }

    private async Task<DbConnection> OpenAsync(CancellationToken ct)
    {
        var connection = _dialect.CreateConnection(_connectionString);
        try
        {
            await connection.OpenAsync(ct);
            await _dialect.PrepareAsync(connection, ct);
            if (!_schemaReady)
            {
                await _dialect.InitializeAsync(connection, ct);
                await CreateTablesAsync(connection, ct);
                _schemaReady = true;
            }
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private static async Task CreateTablesAsync(DbConnection connection, CancellationToken ct)
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

    private static DbCommand InsertCommand(DbConnection connection, DbTransaction transaction, HistoryTable table)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        var columns = new List<string> { "bank_id", "at_ms" };
        var values = new List<string> { "@bank", "@at" };
        if (table.HasPack) { columns.Add("address"); values.Add("@pack"); }
        columns.AddRange(table.Columns.Select(Quote));
        values.AddRange(table.Columns.Select((_, i) => $"@v{i}"));
        command.CommandText = $"INSERT INTO {table.Raw} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", values)}) ON CONFLICT DO NOTHING";
        Add(command, "@bank", "");
        Add(command, "@at", 0L);
        if (table.HasPack) Add(command, "@pack", 0);
        for (int i = 0; i < table.Columns.Count; i++) Add(command, $"@v{i}", DBNull.Value);
        return command;
    }

    private DbCommand MergeCommand(DbConnection connection, DbTransaction transaction, HistoryTable table, string name)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        string key = table.HasPack ? "bank_id, address, bucket_ms" : "bank_id, bucket_ms";
        var columns = new List<string> { "bank_id", "bucket_ms" };
        var values = new List<string> { "@bank", "@bucket" };
        if (table.HasPack) { columns.Add("address"); values.Add("@pack"); }
        columns.Add("samples");
        values.Add("@samples");
        var updates = new List<string> { $"samples = {name}.samples + excluded.samples" };
        foreach (var (c, i) in table.Columns.Select((c, i) => (c, i)))
        {
            columns.AddRange([$"{c}_n", $"{c}_sum", $"{c}_min", $"{c}_max"]);
            values.AddRange([$"@n{i}", $"@sum{i}", $"@min{i}", $"@max{i}"]);
            string old = $"{name}.{c}", added = $"excluded.{c}";
            updates.Add($"{c}_n = {old}_n + {added}_n");
            // Either side may be NULL (nothing measured): the other one then stands.
            updates.Add($"{c}_sum = COALESCE({old}_sum + {added}_sum, {old}_sum, {added}_sum)");
            updates.Add($"{c}_min = {_dialect.Least($"COALESCE({old}_min, {added}_min)", $"COALESCE({added}_min, {old}_min)")}");
            updates.Add($"{c}_max = {_dialect.Greatest($"COALESCE({old}_max, {added}_max)", $"COALESCE({added}_max, {old}_max)")}");
        }
        command.CommandText = $"INSERT INTO {name} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", values)}) " +
            $"ON CONFLICT ({key}) DO UPDATE SET {string.Join(", ", updates)}";
        Add(command, "@bank", "");
        Add(command, "@bucket", 0L);
        if (table.HasPack) Add(command, "@pack", 0);
        Add(command, "@samples", 0);
        for (int i = 0; i < table.Columns.Count; i++)
        {
            Add(command, $"@n{i}", 0L);
            Add(command, $"@sum{i}", DBNull.Value);
            Add(command, $"@min{i}", DBNull.Value);
            Add(command, $"@max{i}", DBNull.Value);
        }
        return command;
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    private static object DbValue(double? value) => value is { } v && !double.IsNaN(v) && !double.IsInfinity(v) ? v : DBNull.Value;

    // "current" is a keyword to some SQL parsers: metric columns are always quoted (they are lower case, so quoting changes nothing else).
    private static string Quote(string column) => $"\"{column}\"";

    private static long Mod(long value, long size) => ((value % size) + size) % size;
}

using System.Data.Common;
using System.Runtime.CompilerServices;
using SolarHub.Database;
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

    // Statements per round trip to PostgreSQL.
    private const int RowsPerBatch = 500;

    private readonly string _connectionString;
    private readonly HistoryDialect _dialect;
    private readonly HistorySchema _schema;
    private readonly bool _readOnly;
    private volatile bool _schemaReady;

    public SqlHistoryStore(string connectionString, HistoryDialect dialect, string description, bool readOnly = false)
    {
        _connectionString = readOnly ? dialect.ReadOnly(connectionString) : connectionString;
        _dialect = dialect;
        _schema = new HistorySchema(dialect);
        _readOnly = readOnly;
        Description = description;
    }

    public static SqlHistoryStore For(ConfigDatabase database) =>
        new(database.ConnectionString, HistoryDialect.For(database.Kind), database.Description);

    /// <summary>
    /// A store that only reads (an export, perhaps of a backup or of the service user's file): the database is opened
    /// read-only, nothing is created in it, and reading history it does not hold throws <see cref="MissingHistoryException"/>.
    /// </summary>
    public static SqlHistoryStore ForReading(ConfigDatabase database) =>
        new(database.ConnectionString, HistoryDialect.For(database.Kind), database.Description, readOnly: true);

    public string Description { get; }

    public async Task<int> WriteAsync(IReadOnlyList<HistorySample> samples, CancellationToken ct = default)
    {
        if (samples.Count == 0) return 0;
        RefuseIfReadOnly();
        await using var connection = await OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var buckets = new Dictionary<(HistoryTable Table, bool Daily, string Bank, byte? Pack, long Bucket), BucketAggregate>();
        int inserted = 0;
        foreach (var series in samples.GroupBy(s => s.Table))
        {
            var table = series.Key;
            var rows = series.ToList();
            var stored = await ExecuteRowsAsync(connection, transaction, _schema.InsertSql(table), rows.Select(sample =>
            {
                var values = new List<object> { sample.BankId, sample.At.ToUnixTimeMilliseconds() };
                if (table.HasPack) values.Add((int)sample.Pack!.Value);
                values.AddRange(sample.Values.Select(DbValue));
                return values.ToArray();
            }).ToList(), ct);
            for (int r = 0; r < rows.Count; r++)
            {
                // Only a sample stored now joins the aggregates: writing a batch again (a retry after an unclear
                // commit) changes nothing.
                if (stored[r] != 1) continue;
                var sample = rows[r];
                long at = sample.At.ToUnixTimeMilliseconds();
                inserted++;
                Bucket(table, false, sample.BankId, sample.Pack, at - Mod(at, HourMs)).Add(sample.Values);
                Bucket(table, true, sample.BankId, sample.Pack, at - Mod(at, DayMs)).Add(sample.Values);
            }
        }
        foreach (var level in buckets.GroupBy(b => (b.Key.Table, b.Key.Daily)))
        {
            var (table, daily) = level.Key;
            await ExecuteRowsAsync(connection, transaction, _schema.MergeSql(table, daily ? table.Daily : table.Hourly), level.Select(b =>
            {
                var aggregate = b.Value;
                var values = new List<object> { b.Key.Bank, b.Key.Bucket };
                if (table.HasPack) values.Add((int)b.Key.Pack!.Value);
                values.Add(aggregate.Samples);
                for (int i = 0; i < table.Columns.Count; i++)
                {
                    bool any = aggregate.Counts[i] > 0;
                    values.AddRange([aggregate.Counts[i], any ? aggregate.Sums[i] : DBNull.Value, any ? aggregate.Mins[i] : DBNull.Value, any ? aggregate.Maxes[i] : DBNull.Value]);
                }
                return values.ToArray();
            }).ToList(), ct);
        }
        await transaction.CommitAsync(ct);
        return inserted;

        BucketAggregate Bucket(HistoryTable table, bool daily, string bank, byte? pack, long bucket)
        {
            var key = (table, daily, bank, pack, bucket);
            if (!buckets.TryGetValue(key, out var aggregate)) buckets[key] = aggregate = new BucketAggregate(table.Columns.Count);
            return aggregate;
        }
    }

    /// <summary>
    /// Runs one statement for each row of parameter values; the rows each changed. PostgreSQL gets them in batches (one
    /// round trip per <see cref="RowsPerBatch"/>); SQLite, in process, runs one prepared statement again and again.
    /// </summary>
    private async Task<int[]> ExecuteRowsAsync(DbConnection connection, DbTransaction transaction, string sql, List<object[]> rows, CancellationToken ct)
    {
        var changed = new int[rows.Count];
        if (connection.CanCreateBatch)
        {
            for (int start = 0; start < rows.Count; start += RowsPerBatch)
            {
                await using var batch = connection.CreateBatch();
                batch.Transaction = transaction;
                int end = Math.Min(rows.Count, start + RowsPerBatch);
                for (int r = start; r < end; r++)
                {
                    var command = batch.CreateBatchCommand();
                    command.CommandText = sql;
                    for (int i = 0; i < rows[r].Length; i++)
                    {
                        var parameter = command.CreateParameter();
                        parameter.ParameterName = _dialect.ParameterName(i);
                        parameter.Value = rows[r][i];
                        command.Parameters.Add(parameter);
                    }
                    batch.BatchCommands.Add(command);
                }
                await batch.ExecuteNonQueryAsync(ct);
                for (int r = start; r < end; r++) changed[r] = batch.BatchCommands[r - start].RecordsAffected;
            }
            return changed;
        }

        await using var statement = connection.CreateCommand();
        statement.Transaction = transaction;
        statement.CommandText = sql;
        for (int r = 0; r < rows.Count; r++)
        {
            for (int i = 0; i < rows[r].Length; i++)
            {
                if (r == 0)
                {
                    var parameter = statement.CreateParameter();
                    parameter.ParameterName = _dialect.ParameterName(i);
                    statement.Parameters.Add(parameter);
                }
                statement.Parameters[i].Value = rows[r][i];
            }
            changed[r] = await statement.ExecuteNonQueryAsync(ct);
        }
        return changed;
    }

    public async Task<long> DeleteExpiredAsync(DateTimeOffset rawBefore, DateTimeOffset hourlyBefore, CancellationToken ct = default)
    {
        RefuseIfReadOnly();
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
        string name = resolution switch { HistoryResolution.Raw => table.Raw, HistoryResolution.Hour => table.Hourly, _ => table.Daily };
        await using var connection = await OpenAsync(ct);
        if (_readOnly) await RequireTableAsync(connection, name, ct);
        await using var command = connection.CreateCommand();
        string pack = table.HasPack ? " AND address = @pack" : "";
        if (resolution == HistoryResolution.Raw)
        {
            command.CommandText = $"SELECT at_ms, {string.Join(", ", table.Columns.Select(HistorySchema.Quote))} FROM {name} " +
                $"WHERE bank_id = @bank{pack} AND at_ms >= @from AND at_ms < @to ORDER BY at_ms";
        }
        else
        {
            // A bucket that starts before 'from' but reaches into the span is part of the answer.
            long size = resolution == HistoryResolution.Hour ? HourMs : DayMs;
            from -= Mod(from, size);
            command.CommandText = $"SELECT bucket_ms, samples, {string.Join(", ", table.Columns.SelectMany(c => new[] { $"{c}_n", $"{c}_sum", $"{c}_min", $"{c}_max" }))} " +
                $"FROM {name} " +
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
            if (!_readOnly && !_schemaReady)
            {
                await _dialect.InitializeAsync(connection, ct);
                await HistorySchema.CreateTablesAsync(connection, ct);
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

    private async Task RequireTableAsync(DbConnection connection, string name, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = _dialect.CountTablesSql;
        var parameter = command.CreateParameter();
        parameter.ParameterName = _dialect.ParameterName(0);
        parameter.Value = name;
        command.Parameters.Add(parameter);
        if (Convert.ToInt64(await command.ExecuteScalarAsync(ct)) == 0) throw new MissingHistoryException(Description, name);
    }

    private void RefuseIfReadOnly()
    {
        if (_readOnly) throw new InvalidOperationException($"{Description} was opened read-only");
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    private static object DbValue(double? value) => value is { } v && !double.IsNaN(v) && !double.IsInfinity(v) ? v : DBNull.Value;

    private static long Mod(long value, long size) => ((value % size) + size) % size;
}

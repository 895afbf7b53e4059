using System.Data.Common;
using SolarHub.Core.Telemetry;
using SolarHub.Database;
using SolarHub.History.Storage;

namespace SolarHub.History.Energy;

/// <summary>
/// The energy counters in two tables beside the history (created on first use): <c>energy_totals</c> (one row per bank
/// and pack) and <c>energy_daily</c> (one per bank, pack and UTC day). Watt-hours are stored; kWh are shown. A bank's
/// own rows have address -1 (no pack has it: JK addresses are 0 to 15).
/// </summary>
public sealed class SqlEnergyStore : IEnergyStore
{
    private const int BankRow = -1;
    private const long MsPerDay = 86_400_000;
    private readonly string _connectionString;
    private readonly HistoryDialect _dialect;
    private readonly bool _readOnly;
    private volatile bool _schemaReady;

    public SqlEnergyStore(string connectionString, HistoryDialect dialect, string description, bool readOnly = false)
    {
        _connectionString = readOnly ? dialect.ReadOnly(connectionString) : connectionString;
        _dialect = dialect;
        _readOnly = readOnly;
        Description = description;
    }

    public static SqlEnergyStore For(ConfigDatabase database) => new(database.ConnectionString, HistoryDialect.For(database.Kind), database.Description);

    /// <summary>
    /// A store that only reads (an export, perhaps of a backup): opened read-only, nothing created, and reading a
    /// database without energy tables throws <see cref="MissingHistoryException"/>.
    /// </summary>
    public static SqlEnergyStore ForReading(ConfigDatabase database) =>
        new(database.ConnectionString, HistoryDialect.For(database.Kind), database.Description, readOnly: true);

    /// <summary>What the store is, for messages (e.g. <c>sqlite:/var/lib/solarhub/solarhub.db</c>).</summary>
    public string Description { get; }

    public async Task<IReadOnlyList<BankEnergy>> AddAsync(IReadOnlyDictionary<EnergyKey, EnergyDelta> energy, DateTimeOffset now, CancellationToken ct = default)
    {
        if (energy.Count == 0) return [];
        if (_readOnly) throw new InvalidOperationException($"{Description} was opened read-only");
        // The bank's rows get the sum of its packs'.
        var rows = new Dictionary<(string Bank, int Address, long Day), EnergyDelta>();
        foreach (var (key, delta) in energy)
        {
            Add((key.BankId, key.Pack, key.DayMs), delta);
            Add((key.BankId, BankRow, key.DayMs), delta);
        }
        var totals = new Dictionary<(string Bank, int Address), EnergyDelta>();
        foreach (var ((bank, address, _), delta) in rows)
            totals[(bank, address)] = totals.TryGetValue((bank, address), out var sum) ? sum + delta : delta;

        await using var connection = await OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        string p = _dialect.Placeholder(0), q = _dialect.Placeholder(1), r = _dialect.Placeholder(2), s = _dialect.Placeholder(3), t = _dialect.Placeholder(4);
        foreach (var ((bank, address, day), delta) in rows)
            await ExecuteAsync(connection, transaction,
                $"INSERT INTO energy_daily (bank_id, address, day_ms, charged_wh, discharged_wh) VALUES ({p}, {q}, {r}, {s}, {t}) " +
                "ON CONFLICT (bank_id, address, day_ms) DO UPDATE SET charged_wh = energy_daily.charged_wh + excluded.charged_wh, " +
                "discharged_wh = energy_daily.discharged_wh + excluded.discharged_wh",
                [bank, address, day, delta.ChargedWh, delta.DischargedWh], ct);
        long nowMs = now.ToUnixTimeMilliseconds();
        foreach (var ((bank, address), delta) in totals)
            await ExecuteAsync(connection, transaction,
                $"INSERT INTO energy_totals (bank_id, address, charged_wh, discharged_wh, updated_ms) VALUES ({p}, {q}, {r}, {s}, {t}) " +
                "ON CONFLICT (bank_id, address) DO UPDATE SET charged_wh = energy_totals.charged_wh + excluded.charged_wh, " +
                "discharged_wh = energy_totals.discharged_wh + excluded.discharged_wh, updated_ms = excluded.updated_ms",
                [bank, address, delta.ChargedWh, delta.DischargedWh, nowMs], ct);
        var banks = totals.Keys.Select(k => k.Bank).Distinct(StringComparer.Ordinal).ToList();
        var stored = new List<BankEnergy>();
        foreach (var bank in banks) stored.AddRange(await ReadTotalsAsync(connection, transaction, bank, ct));
        await transaction.CommitAsync(ct);
        return stored;

        void Add((string, int, long) key, EnergyDelta delta) => rows[key] = rows.TryGetValue(key, out var sum) ? sum + delta : delta;
    }

    public async Task<IReadOnlyList<BankEnergy>> ReadTotalsAsync(string? bankId, CancellationToken ct = default)
    {
        await using var connection = await OpenAsync(ct);
        return await ReadTotalsAsync(connection, null, bankId, ct);
    }

    public async Task<IReadOnlyList<EnergyDay>> ReadDaysAsync(string bankId, byte? pack, DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT day_ms, charged_wh, discharged_wh FROM energy_daily " +
            $"WHERE bank_id = {_dialect.Placeholder(0)} AND address = {_dialect.Placeholder(1)} AND day_ms >= {_dialect.Placeholder(2)} AND day_ms <= {_dialect.Placeholder(3)} ORDER BY day_ms";
        AddParameters(command, [bankId, pack is { } a ? (int)a : BankRow, DayMs(from), DayMs(to)]);
        var days = new List<EnergyDay>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            days.Add(new EnergyDay(DateOnly.FromDateTime(DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(reader.GetValue(0))).UtcDateTime),
                reader.GetDouble(1) / 1000, reader.GetDouble(2) / 1000));
        return days;
    }

    private async Task<IReadOnlyList<BankEnergy>> ReadTotalsAsync(DbConnection connection, DbTransaction? transaction, string? bankId, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT bank_id, address, charged_wh, discharged_wh, updated_ms FROM energy_totals" +
            (bankId is null ? "" : $" WHERE bank_id = {_dialect.Placeholder(0)}") + " ORDER BY bank_id, address";
        if (bankId is not null) AddParameters(command, [bankId]);
        var banks = new List<BankEnergy>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        BankEnergy? bank = null;
        var packs = new List<PackEnergy>();
        while (await reader.ReadAsync(ct))
        {
            string id = reader.GetString(0);
            int address = Convert.ToInt32(reader.GetValue(1));
            double charged = reader.GetDouble(2) / 1000, discharged = reader.GetDouble(3) / 1000;
            if (bank is null || bank.BankId != id)
            {
                Close();
                bank = new BankEnergy(id, DateTimeOffset.MinValue, 0, 0, []);
                packs = [];
            }
            // Address -1 sorts first: the bank's own row.
            if (address == BankRow) bank = bank with { ChargedKwh = charged, DischargedKwh = discharged, At = DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(reader.GetValue(4))) };
            else packs.Add(new PackEnergy((byte)address, charged, discharged));
        }
        Close();
        return banks;

        void Close()
        {
            if (bank is not null) banks.Add(bank with { Packs = packs });
        }
    }

    private async Task ExecuteAsync(DbConnection connection, DbTransaction transaction, string sql, object[] values, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        AddParameters(command, values);
        await command.ExecuteNonQueryAsync(ct);
    }

    private void AddParameters(DbCommand command, object[] values)
    {
        for (int i = 0; i < values.Length; i++)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = _dialect.ParameterName(i);
            parameter.Value = values[i];
            command.Parameters.Add(parameter);
        }
    }

    private static long DayMs(DateOnly day) => day.DayNumber * MsPerDay - DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber * MsPerDay;

    private async Task RequireTableAsync(DbConnection connection, string name, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = _dialect.CountTablesSql;
        AddParameters(command, [name]);
        if (Convert.ToInt64(await command.ExecuteScalarAsync(ct)) == 0) throw new MissingHistoryException(Description, name);
    }

    private async Task<DbConnection> OpenAsync(CancellationToken ct)
    {
        var connection = _dialect.CreateConnection(_connectionString);
        try
        {
            await connection.OpenAsync(ct);
            await _dialect.PrepareAsync(connection, ct);
            if (_readOnly)
            {
                await RequireTableAsync(connection, "energy_daily", ct);
                return connection;
            }
            if (!_schemaReady)
            {
                await _dialect.InitializeAsync(connection, ct);
                foreach (var sql in new[]
                {
                    "CREATE TABLE IF NOT EXISTS energy_totals (bank_id TEXT NOT NULL, address INTEGER NOT NULL, charged_wh DOUBLE PRECISION NOT NULL, " +
                        "discharged_wh DOUBLE PRECISION NOT NULL, updated_ms BIGINT NOT NULL, PRIMARY KEY (bank_id, address))",
                    "CREATE TABLE IF NOT EXISTS energy_daily (bank_id TEXT NOT NULL, address INTEGER NOT NULL, day_ms BIGINT NOT NULL, " +
                        "charged_wh DOUBLE PRECISION NOT NULL, discharged_wh DOUBLE PRECISION NOT NULL, PRIMARY KEY (bank_id, address, day_ms))",
                })
                {
                    await using var command = connection.CreateCommand();
                    command.CommandText = sql;
                    await command.ExecuteNonQueryAsync(ct);
                }
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
}

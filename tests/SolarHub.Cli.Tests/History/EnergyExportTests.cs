using Microsoft.Data.Sqlite;
using SolarHub.Database;
using SolarHub.History.Energy;

namespace SolarHub.Cli.Tests.History;

/// <summary><c>solarhub history energy</c> as a user runs it (the real executable) on a SQLite file with known counters.</summary>
public sealed class EnergyExportTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"solarhub-energy-cli-{Guid.NewGuid():N}");
    private string DatabasePath => Path.Combine(_folder, "solarhub.db");

    public async Task InitializeAsync()
    {
        var store = SqlEnergyStore.For(ConfigDatabase.Sqlite(DatabasePath));
        await store.AddAsync(new Dictionary<EnergyKey, EnergyDelta>
        {
            [new("house", 1, EnergyKey.DayOf(T))] = new(1234.5, 200),
            [new("house", 2, EnergyKey.DayOf(T))] = new(1000, 0),
            [new("house", 1, EnergyKey.DayOf(T.AddDays(2)))] = new(10, 5000.25),
        }, T.AddDays(2));
        SqliteConnection.ClearAllPools();
    }

    public Task DisposeAsync()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
        return Task.CompletedTask;
    }

    private static Task<CliProcess.Outcome> Energy(string database, params string[] args) =>
        CliProcess.RunAsync(["history", "energy", "--database", database, .. args]);

    [Fact]
    public async Task A_banks_days_become_csv_rows_and_a_packs_too()
    {
        var result = await Energy(DatabasePath, "--bank", "house", "--from", "2026-03-01", "--to", "2026-03-31");

        result.ExitCode.Should().Be(0, result.StdErr);
        result.StdOut.Should().Be("day,charged_kwh,discharged_kwh\n2026-03-01,2.235,0.2\n2026-03-03,0.01,5\n");
        result.StdErr.Should().Contain("2 days of bank 'house' from 2026-03-01 to 2026-03-31, 2.245 kWh charged, 5.2 kWh discharged");

        var pack = await Energy(DatabasePath, "--bank", "house", "--pack", "2", "--from", "2026-03-01", "--to", "2026-03-02");
        pack.StdOut.Should().Be("day,charged_kwh,discharged_kwh\n2026-03-01,1,0\n");
    }

    [Theory]
    [InlineData("--from", "March", "--from: 'March' is not a date (YYYY-MM-DD, a UTC day)")]
    [InlineData("--pack", "16", "--pack: '16' is not a pack address (0 to 15)")]
    [InlineData("--to", "2026-02-01", "--from: 2026-03-01 is after --to (2026-02-01)")]
    public async Task Bad_input_exits_2_naming_the_option(string option, string value, string error)
    {
        string[] from = option == "--to" ? ["--from", "2026-03-01"] : [];
        var result = await Energy(DatabasePath, ["--bank", "house", .. from, option, value]);

        result.ExitCode.Should().Be(2);
        result.StdErr.Trim().Should().Be($"history energy: {error}");
        result.StdOut.Should().BeEmpty();
    }

    [Fact]
    public async Task A_database_without_counters_or_none_at_all_exits_1_saying_so_and_creates_nothing()
    {
        string empty = Path.Combine(_folder, "empty.db");
        await using (var connection = new SqliteConnection($"Data Source={empty}"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE other (x INTEGER)";
            await command.ExecuteNonQueryAsync();
        }
        SqliteConnection.ClearAllPools();

        var noCounters = await Energy(empty, "--bank", "house");
        noCounters.ExitCode.Should().Be(1);
        noCounters.StdErr.Should().Contain("holds no energy counters (no table energy_daily)");

        string missing = Path.Combine(_folder, "nowhere.db");
        var noDatabase = await Energy(missing, "--bank", "house");
        noDatabase.ExitCode.Should().Be(1);
        noDatabase.StdErr.Should().Contain($"no database at {missing}");
        File.Exists(missing).Should().BeFalse();
    }
}

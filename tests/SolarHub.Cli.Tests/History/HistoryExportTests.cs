using Microsoft.Data.Sqlite;
using SolarHub.ConfigStore;
using SolarHub.History;
using SolarHub.History.Storage;

namespace SolarHub.Cli.Tests.History;

/// <summary><c>solarhub history export</c> as a user runs it (the real executable) on a SQLite file with known samples.</summary>
public sealed class HistoryExportTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"solarhub-history-cli-{Guid.NewGuid():N}");
    private string DatabasePath => Path.Combine(_folder, "solarhub.db");

    public async Task InitializeAsync()
    {
        var store = SqlHistoryStore.For(ConfigDatabase.Sqlite(DatabasePath));
        await store.WriteAsync(
        [
            new HistorySample("house", null, T, [50, 52.5, -10, -525, 3.25, 3.3, 20, 22.5, 2]),
            new HistorySample("house", null, T.AddSeconds(10), [51, 52.6, -10, -526, 3.25, 3.3, null, null, 2]),
            new HistorySample("house", 1, T, [40, 52, -5, -260, 3.2, 3.25, 0.125, 20, 25, 17]),
            new HistorySample("house", 1, T.AddMinutes(30), [60, 53, -5, -265, 3.2, 3.5, 0.25, 21, 26, 17]),
        ]);
        SqliteConnection.ClearAllPools();
    }

    public Task DisposeAsync()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
        return Task.CompletedTask;
    }

    private Task<CliProcess.Outcome> Export(params string[] args) =>
        CliProcess.RunAsync(["history", "export", "--database", DatabasePath, .. args]);

    [Fact]
    public async Task Raw_samples_of_a_bank_become_csv_rows()
    {
        var result = await Export("--bank", "house", "--from", "2026-03-01T09:00:00Z", "--to", "2026-03-01T11:00:00Z", "--resolution", "raw");
        result.ExitCode.Should().Be(0, result.StdErr);
        result.StdOut.Should().Be(
            "at,soc,voltage,current,power,cell_min,cell_max,temperature_min,temperature_max,packs_fresh\n" +
            "2026-03-01T10:00:00.000Z,50,52.5,-10,-525,3.25,3.3,20,22.5,2\n" +
            "2026-03-01T10:00:10.000Z,51,52.6,-10,-526,3.25,3.3,,,2\n");
        result.StdErr.Should().Contain("2 raw rows of bank 'house'");
    }

    [Fact]
    public async Task Hourly_aggregates_of_a_pack_go_to_a_file()
    {
        var file = Path.Combine(_folder, "pack1.csv");
        // Local time with an offset: the same instant as 09:00Z.
        var result = await Export("--bank", "house", "--pack", "1", "--from", "2026-03-01T10:00:00+01:00", "--to", "2026-03-01T12:00:00Z", "--resolution", "hour", "--output", file);
        result.ExitCode.Should().Be(0, result.StdErr);
        result.StdOut.Should().BeEmpty();
        var lines = await File.ReadAllLinesAsync(file);
        lines[0].Should().StartWith("at,samples,soc_avg,soc_min,soc_max,voltage_avg,");
        lines.Skip(1).Should().Equal("2026-03-01T10:00:00.000Z,2,50,40,60,52.5,52,53,-5,-5,-5,-262.5,-265,-260,3.2,3.2,3.2,3.375,3.25,3.5,0.1875,0.125,0.25,20.5,20,21,25.5,25,26,17,17,17");
        File.Exists(file + ".part").Should().BeFalse();
    }

    [Fact]
    public async Task A_bad_time_is_refused_naming_the_option()
    {
        var result = await Export("--bank", "house", "--from", "last tuesday");
        result.ExitCode.Should().Be(2);
        result.StdErr.Should().Contain("--from: 'last tuesday' is not an ISO-8601 time");
        result.StdOut.Should().BeEmpty();
    }

    [Fact]
    public async Task A_missing_database_is_an_error_not_an_empty_file()
    {
        var missing = Path.Combine(_folder, "nothing-here.db");
        var result = await CliProcess.RunAsync(["history", "export", "--bank", "house", "--database", missing]);
        result.ExitCode.Should().Be(1);
        result.StdErr.Should().Contain($"no database at {missing}");
        File.Exists(missing).Should().BeFalse();
    }
}

using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using SolarHub.ConfigStore;
using SolarHub.Database;
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
        var missing = Path.Combine(_folder, "mistyped-folder", "nothing-here.db");
        var result = await CliProcess.RunAsync(["history", "export", "--bank", "house", "--database", missing]);
        result.ExitCode.Should().Be(1);
        result.StdErr.Should().Contain($"no database at {missing}");
        File.Exists(missing).Should().BeFalse();
        Directory.Exists(Path.GetDirectoryName(missing)).Should().BeFalse("a reader leaves nothing behind where a path was mistyped");
    }

    // A node's file is in WAL mode (its -wal file gone once the node stopped); a backup copy may be in rollback mode.
    [Theory]
    [InlineData("wal")]
    [InlineData("delete")]
    public async Task A_read_only_database_is_exported_and_left_exactly_as_it_was(string journalMode)
    {
        await using (var connection = new SqliteConnection($"Data Source={DatabasePath}"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = $"PRAGMA journal_mode = {journalMode}";
            (await command.ExecuteScalarAsync()).Should().Be(journalMode);
        }
        SqliteConnection.ClearAllPools();
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(DatabasePath, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        var before = Snapshot();

        var result = await Export("--bank", "house", "--from", "2026-03-01T09:00:00Z", "--to", "2026-03-01T11:00:00Z", "--resolution", "raw");

        result.ExitCode.Should().Be(0, result.StdErr);
        result.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().HaveCount(3);
        // Tests run as root, whom file modes do not stop: what proves the export only read is that nothing changed,
        // neither the file (e.g. its journal mode) nor the folder (no -wal or -shm files created beside it).
        Snapshot().Should().Be(before);
    }

    [Fact]
    public async Task A_database_without_history_is_an_error_naming_it_and_is_not_changed()
    {
        var other = Path.Combine(_folder, "config-only.db");
        await using (var connection = new SqliteConnection($"Data Source={other}"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE journal (id INTEGER PRIMARY KEY)";
            await command.ExecuteNonQueryAsync();
        }
        SqliteConnection.ClearAllPools();
        var before = Snapshot();

        var result = await CliProcess.RunAsync(["history", "export", "--bank", "house", "--database", other]);

        result.ExitCode.Should().Be(1);
        result.StdErr.Should().Contain($"sqlite:{other}").And.Contain("no telemetry history").And.Contain("solarhub_history_bank");
        result.StdOut.Should().BeEmpty();
        Snapshot().Should().Be(before);
    }

    [Fact]
    public async Task Samples_a_running_node_has_only_in_its_write_ahead_log_are_exported()
    {
        // A node keeps its connections open: its latest samples sit in the -wal file until a checkpoint.
        var node = SqlHistoryStore.For(ConfigDatabase.Sqlite(DatabasePath));
        await node.WriteAsync([new HistorySample("house", null, T.AddSeconds(20), [52, 52.7, -10, -527, 3.25, 3.3, 20, 22.5, 2])]);
        File.Exists(DatabasePath + "-wal").Should().BeTrue();
        try
        {
            var result = await Export("--bank", "house", "--from", "2026-03-01T09:00:00Z", "--to", "2026-03-01T11:00:00Z", "--resolution", "raw");
            result.ExitCode.Should().Be(0, result.StdErr);
            result.StdOut.Should().EndWith("2026-03-01T10:00:20.000Z,52,52.7,-10,-527,3.25,3.3,20,22.5,2\n");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
        }
    }

    /// <summary>Every file in the test folder with its length, modification time and content hash.</summary>
    private string Snapshot() => string.Join("\n", Directory.GetFiles(_folder).Order().Select(f =>
        $"{Path.GetFileName(f)} {new FileInfo(f).Length} {File.GetLastWriteTimeUtc(f):O} {Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f)))}"));
}

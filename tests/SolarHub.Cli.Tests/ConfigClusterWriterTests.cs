using Microsoft.Data.Sqlite;
using SolarHub.ConfigStore.ClusterWriter;
using SolarHub.Database;

namespace SolarHub.Cli.Tests;

/// <summary>
/// <c>solarhub config</c> next to a cluster writer's lease that is no longer renewed (the cluster stopped): the CLI
/// writes the journal itself, as it always did, and says nothing of a writer (docs/cluster.md).
/// </summary>
public sealed class ConfigClusterWriterTests : IAsyncLifetime
{
    private readonly ConfigWorkspace _work = new();

    public Task InitializeAsync() => Task.CompletedTask;
    public Task DisposeAsync() => _work.DisposeAsync().AsTask();

    [Fact]
    public async Task With_a_stale_lease_the_cli_writes_the_journal_itself()
    {
        var db = _work.SqliteDatabase();
        var database = ConfigDatabase.Sqlite(db);
        await new WriterLeaseTable(new ConfigWriterTables(database)).RenewAsync("n1", default);
        await using (var connection = new SqliteConnection(database.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "UPDATE config_writer SET renewed_at = renewed_at - 6";
            await command.ExecuteNonQueryAsync();
        }

        var bank = await CliProcess.RunAsync(["config", "bank", "add", "house", "--packs", "1", "--tcp", "10.0.0.5:8899", "--database", db]);

        bank.ExitCode.Should().Be(0, bank.StdErr);
        bank.StdOut.Should().Contain($"stored as version 1 in sqlite:{db}").And.NotContain("answered by");
        bank.StdErr.Should().NotContain("waiting for the cluster's configuration writer");
        (await new ConfigInbox(new ConfigWriterTables(database)).PendingAsync(default)).Should().BeEmpty();
    }
}

using SolarHub.ConfigStore.Tests.Support;
using SolarHub.Configuration;
using SolarHub.Database;

namespace SolarHub.ConfigStore.Tests.Store;

/// <summary>
/// A database that cannot be written is said to be so at once, not blamed on another client after seconds of retries
/// (which is what a lost race gets). The tests run as root, whom file permissions do not stop: SQLite's own read-only
/// mode stands for a read-only file or mount.
/// </summary>
public sealed class ReadOnlyDatabaseTests : IAsyncLifetime
{
    private TestDatabase _db = null!;

    public async Task InitializeAsync()
    {
        _db = TestDatabase.Sqlite();
        await using var writer = await StoreNode.StartAsync(_db.Config, name: "writer");
        await writer.MustStoreAsync([.. Configs.From(Configs.TwoBanks())]);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task A_change_to_a_read_only_database_fails_saying_so_and_not_to_be_retried()
    {
        var readOnly = _db.Config with { ConnectionString = _db.Config.ConnectionString + ";Mode=ReadOnly" };
        await using var node = await StoreNode.StartAsync(readOnly, name: "reader");
        (await node.GetAsync()).Version.Should().Be(1, "reading works");

        var answer = await node.ProposeAsync(new BankRenamed("bank-1", "Cellar"));

        var failed = answer.Should().BeOfType<ChangesFailed>().Subject;
        failed.Reason.Should().StartWith("the change was not stored: the database is read-only").And.NotContain("another client");
        failed.MayRetry.Should().BeFalse();
    }

    [Fact]
    public void A_lost_race_may_be_retried_and_says_so()
    {
        var race = WriteFailure.Of(new InvalidOperationException("journal", new Microsoft.Data.Sqlite.SqliteException("UNIQUE constraint failed: journal.persistence_id", 19)));

        race.MayRetry.Should().BeTrue();
        race.Reason.Should().StartWith("another client stored a change at the same time");
    }
}

using Akka.Actor;
using SolarHub.ConfigStore.Tests.Support;
using Xunit.Abstractions;

namespace SolarHub.ConfigStore.Tests.Store;

public sealed class SqliteStoreTests(ITestOutputHelper output) : StoreScenarios("sqlite", output)
{
    [Fact] public Task Persists_and_recovers() => Persists_and_recovers_across_restarts();
    [Fact] public Task Snapshot_and_later_events() => A_snapshot_and_the_change_sets_after_it_recover();
    [Fact] public Task Invalid_change_set() => An_invalid_change_set_is_rejected_naming_the_field_and_nothing_is_stored();
    [Fact] public Task Dry_run() => A_dry_run_plans_and_stores_nothing();
    [Fact] public Task Same_configuration_again() => Replacing_with_the_same_configuration_stores_nothing();
    [Fact] public Task Changes_that_change_nothing() => Proposing_changes_that_change_nothing_stores_nothing();
    [Fact] public Task Lost_race_then_retry() => A_client_that_lost_the_race_is_refused_then_its_retry_is_applied_on_top();
    [Fact] public Task Concurrent_clients() => Concurrent_changes_from_two_clients_are_all_applied_none_lost();
    [Fact] public Task Alternating_clients() => Changes_stored_by_alternating_clients_are_all_recovered();
    [Fact] public Task Follows_other_clients() => A_running_node_follows_changes_stored_by_another_client_and_loses_no_request_meanwhile();
    [Fact] public Task Follows_after_an_unreadable_journal() => A_running_node_goes_on_following_after_the_journal_could_not_be_read();

    [Fact]
    public async Task The_store_puts_a_new_database_in_WAL_mode_so_that_an_acknowledged_change_survives_a_crash()
    {
        // In SQLite's default rollback mode a commit is the journal's deletion, which a crash or ext4 turning read-only can
        // undo: the next start then rolls the acknowledged change back (bench faults' database-read-only row lost one so
        // when the history had not yet switched the file to WAL). Here there is no history: the store must do it.
        await using var db = TestDatabase.Sqlite();
        await using (var node = await StoreNode.StartAsync(db.Config))
            await node.MustStoreAsync([.. Configs.From(Configs.TwoBanks())]);

        using var connection = db.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        command.ExecuteScalar().Should().Be("wal");
    }

    [Fact]
    public async Task A_stored_change_set_that_cannot_be_read_is_reported_at_once_with_the_reason()
    {
        await using var db = TestDatabase.Sqlite();
        await using (var node = await StoreNode.StartAsync(db.Config))
            await node.MustStoreAsync([.. Configs.From(Configs.TwoBanks())]);
        db.Execute("UPDATE journal SET manifest = 'change-set.v999'");
        await using var reader = await StoreNode.StartAsync(db.Config);

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var ask = async () => await reader.Store.Ask<StoredConfig>(GetStoredConfig.Instance, TimeSpan.FromSeconds(20));

        (await ask.Should().ThrowAsync<ConfigStoreUnavailableException>()).Which.Message.Should().Contain("change-set.v999");
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(5), "a store that cannot recover is reported, not waited for");
    }
}

using SolarHub.ConfigStore.Tests.Support;
using Xunit.Abstractions;

namespace SolarHub.ConfigStore.Tests.Store;

/// <summary>The same scenarios on the PostgreSQL test server (SOLARHUB_TEST_POSTGRES; see PostgresFactAttribute).</summary>
public sealed class PostgresStoreTests(ITestOutputHelper output) : StoreScenarios("postgres", output)
{
    [PostgresFact] public Task Persists_and_recovers() => Persists_and_recovers_across_restarts();
    [PostgresFact] public Task Snapshot_and_later_events() => A_snapshot_and_the_change_sets_after_it_recover();
    [PostgresFact] public Task Invalid_change_set() => An_invalid_change_set_is_rejected_naming_the_field_and_nothing_is_stored();
    [PostgresFact] public Task Dry_run() => A_dry_run_plans_and_stores_nothing();
    [PostgresFact] public Task Same_configuration_again() => Replacing_with_the_same_configuration_stores_nothing();
    [PostgresFact] public Task Changes_that_change_nothing() => Proposing_changes_that_change_nothing_stores_nothing();
    [PostgresFact] public Task Lost_race_then_retry() => A_client_that_lost_the_race_is_refused_then_its_retry_is_applied_on_top();
    [PostgresFact] public Task Concurrent_clients() => Concurrent_changes_from_two_clients_are_all_applied_none_lost();
    [PostgresFact] public Task Alternating_clients() => Changes_stored_by_alternating_clients_are_all_recovered();
    [PostgresFact] public Task Follows_other_clients() => A_running_node_follows_changes_stored_by_another_client_and_loses_no_request_meanwhile();
    [PostgresFact] public Task Follows_after_an_unreadable_journal() => A_running_node_goes_on_following_after_the_journal_could_not_be_read();
}

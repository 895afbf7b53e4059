namespace SolarHub.ConfigStore.Tests.ClusterWriter;

public sealed class SqliteClusterWriterTests() : ClusterWriterScenarios("sqlite")
{
    [Fact] public Task Lease() => No_lease_then_a_fresh_one_then_a_stale_one();
    [Fact] public Task Inbox_round_trip() => A_request_goes_in_once_is_answered_read_and_deleted();
    [Fact] public Task Purge() => Rows_older_than_ten_minutes_are_purged();
    [Fact] public Task Writer_stores_once() => The_writer_stores_a_request_once_even_when_a_next_writer_takes_the_same_row_again();
    [Fact] public Task Deadline() => A_request_no_writer_answers_is_withdrawn_at_the_deadline();
}

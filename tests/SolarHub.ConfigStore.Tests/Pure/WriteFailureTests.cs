using Microsoft.Data.Sqlite;

namespace SolarHub.ConfigStore.Tests.Pure;

public sealed class WriteFailureTests
{
    [Fact]
    public void A_disk_io_error_names_the_failing_disk_and_the_read_only_filesystem_it_leads_to_and_is_not_retried()
    {
        // SQLITE_IOERR_WRITE: what an ext4 that turned itself read-only gives a connection opened before (bench faults, database-read-only).
        var failure = WriteFailure.Of(new InvalidOperationException("persist failed", new SqliteException("SQLite Error 10: 'disk I/O error'.", 10, 778)));

        failure.Reason.Should().StartWith("the disk holding the database failed the write").And.Contain("read-only").And.Contain("disk I/O error");
        failure.MayRetry.Should().BeFalse();
    }

    [Fact]
    public void A_file_that_cannot_be_opened_names_a_read_only_filesystem_among_the_causes()
    {
        // SQLITE_CANTOPEN: what a connection opened after ext4 turned itself read-only gets (bench faults, database-read-only).
        var failure = WriteFailure.Of(new SqliteException("SQLite Error 14: 'unable to open database file'.", 14));

        failure.Reason.Should().StartWith("the database file cannot be opened for writing").And.Contain("read-only");
        failure.MayRetry.Should().BeFalse();
    }

    [Fact]
    public void A_full_disk_and_a_lock_are_told_apart_and_only_the_lock_is_retried()
    {
        WriteFailure.Of(new SqliteException("SQLite Error 13: 'database or disk is full'.", 13)).Should()
            .Match<WriteFailure>(f => f.Reason.StartsWith("the disk holding the database is full") && !f.MayRetry);
        WriteFailure.Of(new SqliteException("SQLite Error 5: 'database is locked'.", 5)).Should()
            .Match<WriteFailure>(f => f.Reason.StartsWith("the database is locked") && f.MayRetry);
    }
}

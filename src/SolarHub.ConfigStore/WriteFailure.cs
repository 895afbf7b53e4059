using Microsoft.Data.Sqlite;
using Npgsql;

namespace SolarHub.ConfigStore;

/// <summary>
/// Why the database refused to store a change, in a user's words, and whether trying again can help: another client
/// storing the same version first (or holding the lock) passes; a read-only or full database does not, and retrying
/// it would only hide the reason behind seconds of waiting.
/// </summary>
public sealed record WriteFailure(string Reason, bool MayRetry)
{
    // SQLite's primary result codes (sqlite.org/rescode.html) and PostgreSQL's SQLSTATE classes.
    private const int SqliteBusy = 5, SqliteLocked = 6, SqliteReadOnly = 8, SqliteIoError = 10, SqliteFull = 13, SqliteCantOpen = 14, SqliteConstraint = 19;

    public static WriteFailure Of(Exception cause)
    {
        for (var e = cause; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case SqliteException { SqliteErrorCode: SqliteConstraint }:
                case PostgresException { SqlState: PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.SerializationFailure }:
                    return new($"another client stored a change at the same time: {e.Message}", MayRetry: true);
                case SqliteException { SqliteErrorCode: SqliteBusy or SqliteLocked }:
                case PostgresException { SqlState: PostgresErrorCodes.LockNotAvailable or PostgresErrorCodes.DeadlockDetected }:
                    return new($"the database is locked by another process: {e.Message}", MayRetry: true);
                case SqliteException { SqliteErrorCode: SqliteReadOnly }:
                case PostgresException { SqlState: PostgresErrorCodes.ReadOnlySqlTransaction }:
                    return new($"the database is read-only (file or folder permissions, a read-only mount, or a read-only server): {e.Message}", MayRetry: false);
                case SqliteException { SqliteErrorCode: SqliteFull }:
                case PostgresException { SqlState: PostgresErrorCodes.DiskFull }:
                    return new($"the disk holding the database is full: {e.Message}", MayRetry: false);
                // What SQLite says when a write to an open file fails, EROFS included: ext4 turns itself read-only
                // (errors=remount-ro) when its disk fails, and an SD card at the end of its life does exactly that.
                case SqliteException { SqliteErrorCode: SqliteIoError }:
                    return new($"the disk holding the database failed the write (a failing disk or SD card, or a filesystem the system turned read-only " +
                        $"after such errors: the system log says which, e.g. dmesg): {e.Message}", MayRetry: false);
                // A connection opened after the filesystem turned read-only cannot open the WAL's files (EROFS).
                case SqliteException { SqliteErrorCode: SqliteCantOpen }:
                    return new($"the database file cannot be opened for writing (permissions, a read-only filesystem, or its folder is gone): {e.Message}", MayRetry: false);
            }
        }
        return new($"the database refused the change: {cause.GetBaseException().Message}", MayRetry: false);
    }
}

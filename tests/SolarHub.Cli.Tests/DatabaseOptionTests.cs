namespace SolarHub.Cli.Tests;

/// <summary>
/// <c>--database</c> with a URL scheme SolarHub cannot use is bad usage (one line naming it, exit 2); a verb that only
/// reads a SQLite file that is not there says so (exit 1). Neither leaves a file or folder behind. A folder that cannot
/// be created is a database failure (exit 1).
/// </summary>
public class DatabaseOptionTests
{
    [Theory]
    [InlineData("config show")]
    [InlineData("config export")]
    [InlineData("config bank add attic --packs 1 --tcp 127.0.0.1:8899")]
    [InlineData("run --duration 00:00:05 --urls http://127.0.0.1:0")]
    public async Task An_unknown_scheme_is_refused_before_anything_is_created(string command)
    {
        var outcome = await CliProcess.RunAsync([.. command.Split(' '), "--database", "mysql://x@127.0.0.1/db"]);

        outcome.ExitCode.Should().Be(2, outcome.StdErr);
        outcome.StdErr.Should().Contain("--database: 'mysql://' is not a database SolarHub can use");
        Directory.Exists(Path.Combine(Environment.CurrentDirectory, "mysql:")).Should().BeFalse();
    }

    [Theory]
    [InlineData("config show")]
    [InlineData("config export")]
    [InlineData("config validate")]
    public async Task A_reading_verb_on_a_sqlite_file_that_is_not_there_says_so_and_creates_nothing(string command)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"solarhub-missing-{Guid.NewGuid():N}");
        var path = Path.Combine(folder, "solarhub.db");

        var outcome = await CliProcess.RunAsync([.. command.Split(' '), "--database", path]);

        outcome.ExitCode.Should().Be(1, outcome.StdErr);
        outcome.StdErr.Should().Contain($"no configuration is stored in sqlite:{path}: the file does not exist");
        Directory.Exists(folder).Should().BeFalse("a mistyped path leaves nothing behind");
    }

    [Theory]
    [InlineData("config bank add attic --packs 1 --tcp 127.0.0.1:8899")]
    [InlineData("run --duration 00:00:05 --urls http://127.0.0.1:0")]
    public async Task A_folder_that_cannot_be_created_is_a_database_failure_exit_1_not_bad_usage(string command)
    {
        // A regular file where the folder should be: what a read-only place or a missing mount does for a user that is
        // not root (root may create folders anywhere, so the test uses a place no one can).
        var file = Path.GetTempFileName();
        try
        {
            var outcome = await CliProcess.RunAsync([.. command.Split(' '), "--database", Path.Combine(file, "data", "solarhub.db")]);

            outcome.ExitCode.Should().Be(1, outcome.StdErr);
            outcome.StdErr.Should().Contain("--database: cannot create the database's folder").And.NotContain(" at ");
        }
        finally { File.Delete(file); }
    }
}

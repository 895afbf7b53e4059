namespace SolarHub.Cli.Tests;

/// <summary><c>--database</c> with a URL scheme SolarHub cannot use is bad usage: one line naming it, exit 2, no file or folder made.</summary>
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
}

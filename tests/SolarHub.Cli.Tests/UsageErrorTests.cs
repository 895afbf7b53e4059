namespace SolarHub.Cli.Tests;

/// <summary>
/// Bad usage (an argument of the wrong type, an unknown value or verb, a missing option) is exit 2 with one line per
/// problem naming it and the command, not the whole help and exit 1 (which means a database or node could not be used).
/// </summary>
public class UsageErrorTests
{
    [Theory]
    [InlineData("config adapter priority house usb abc", "solarhub config adapter priority: Cannot parse argument 'abc'")]
    [InlineData("decode --format xml 00", "solarhub decode: Argument 'xml' not recognized. Must be one of: 'json' 'table'")]
    [InlineData("config bank add attic --tcp 127.0.0.1:8899", "solarhub config bank add: Option '--packs' is required.")]
    [InlineData("nosuchverb", "solarhub: Unrecognized command or argument 'nosuchverb'.")]
    public async Task Bad_usage_is_exit_2_with_one_line_naming_the_argument(string command, string line)
    {
        var outcome = await CliProcess.RunAsync(command.Split(' '));

        outcome.ExitCode.Should().Be(2);
        outcome.StdOut.Should().BeEmpty("the help is not printed on bad usage");
        var lines = outcome.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().Contain(l => l.StartsWith(line, StringComparison.Ordinal));
        lines.Should().OnlyContain(l => l.StartsWith("solarhub", StringComparison.Ordinal) && l.EndsWith("--help' says more)", StringComparison.Ordinal),
            "each problem is one line naming the command");
    }
}

namespace SolarHub.Cli.Tests;

public class HelpTests
{
    public static TheoryData<string> Verbs => new() { "run", "decode", "simulate", "bench", "config", "status", "bank", "actors", "watch", "history", "cluster" };

    [Theory]
    [MemberData(nameof(Verbs))]
    public async Task Every_verb_documents_itself(string verb)
    {
        var outcome = await CliProcess.RunAsync([verb, "--help"]);

        outcome.ExitCode.Should().Be(0);
        outcome.StdOut.Should().Contain("Usage:").And.Contain(verb);
    }
}

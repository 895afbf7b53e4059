namespace SolarHub.Cli.Tests.Inspection;

public class InspectionHelpTests
{
    [Theory]
    [InlineData("status")]
    [InlineData("bank")]
    [InlineData("actors")]
    [InlineData("watch")]
    public async Task Every_inspection_verb_documents_its_options(string verb)
    {
        var outcome = await InspectionCli.RunAsync([verb, "--help"]);

        outcome.ExitCode.Should().Be(0);
        outcome.StdOut.Should().Contain("Usage:").And.Contain(verb).And.Contain("--url").And.Contain("SOLARHUB_URL").And.Contain("--json").And.Contain("--timeout");
    }
}

namespace SolarHub.Cli.Tests.Scripts;

/// <summary>
/// scripts/test-summary.sh, the last line of <c>./solarhub.sh test</c> and of CI, on TRX files written by real runs
/// (Data/Trx, trimmed of their console output): one project that skips tests, one with a failing test, one whose test
/// host crashed (Environment.FailFast), one with no test; a project with no results directory stands for one whose
/// run never started.
/// </summary>
public class TestSummaryScriptTests
{
    private static readonly string Results = Path.Combine(AppContext.BaseDirectory, "Data", "Trx");

    [Fact]
    public async Task Counts_passed_failed_and_skipped_tests()
    {
        var outcome = await Summarise("Skipping.Tests");

        outcome.ExitCode.Should().Be(0, outcome.StdErr);
        Lines(outcome).Should().Equal("4 passed, 0 failed, 4 skipped");
    }

    [Fact]
    public async Task A_failed_test_fails_the_summary_without_a_project_line()
    {
        var outcome = await Summarise("Skipping.Tests", "Failing.Tests");

        outcome.ExitCode.Should().Be(1);
        Lines(outcome).Should().Equal("5 passed, 1 failed, 5 skipped");
    }

    [Fact]
    public async Task A_crashed_test_host_is_named_even_though_its_counters_say_nothing_failed()
    {
        var outcome = await Summarise("Skipping.Tests", "Crashed.Tests");

        outcome.ExitCode.Should().Be(1);
        Lines(outcome).Should().Equal(
            "Crashed.Tests: its test run was aborted (Test host process crashed : Process terminated); the tests it ran before are not counted.",
            "4 passed, 0 failed, 4 skipped");
    }

    [Fact]
    public async Task A_project_that_ran_no_test_or_wrote_no_results_is_named()
    {
        var outcome = await Summarise("Empty.Tests", "Missing.Tests", "Skipping.Tests");

        outcome.ExitCode.Should().Be(1);
        var lines = Lines(outcome);
        lines.Should().HaveCount(3);
        lines[0].Should().Be("Empty.Tests: ran no test (it found none, or a --filter matched none of its tests).");
        lines[1].Should().StartWith("Missing.Tests: wrote no test results");
        lines[2].Should().Be("4 passed, 0 failed, 4 skipped");
    }

    private static Task<CliProcess.Outcome> Summarise(params string[] projects) =>
        CliProcess.RunProgramAsync("bash", [Path.Combine(RepositoryRoot.Path, "scripts", "test-summary.sh"), Results, .. projects]);

    private static string[] Lines(CliProcess.Outcome outcome) =>
        outcome.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}

namespace SolarHub.Cli.Tests.History;

/// <summary><c>solarhub bench history</c> runs end to end (on a tiny set) and ends with its summary line.</summary>
public sealed class HistoryBenchTests
{
    [Fact]
    public async Task A_small_run_prints_every_figure()
    {
        var result = await CliProcess.RunAsync(["bench", "history", "--banks", "2", "--packs", "2", "--minutes", "2", "--days", "2"], timeout: TimeSpan.FromSeconds(120));
        result.ExitCode.Should().Be(0, result.StdErr);
        var lines = result.StdOut.TrimEnd().Split('\n');
        lines[^1].Should().MatchRegex(@"^history: \d+ samples/s written \(2x2 packs, [\d.]+ ms per 10-s flush, rollup <= [\d.]+ ms\); queries: 1 d raw, bank [\d.]+ ms, 1 d raw, pack [\d.]+ ms, 2 d hourly, pack [\d.]+ ms, 2 d daily, pack [\d.]+ ms$");
        result.StdOut.Should().Contain("query: 2 d hourly, pack: 48 points").And.Contain("query: 2 d daily, pack: 2 points");
    }

    [Fact]
    public async Task A_bad_size_is_refused()
    {
        var result = await CliProcess.RunAsync(["bench", "history", "--packs", "40"]);
        result.ExitCode.Should().Be(2);
        result.StdErr.Should().Contain("--packs must be between 1 and 32, got 40.");
    }
}

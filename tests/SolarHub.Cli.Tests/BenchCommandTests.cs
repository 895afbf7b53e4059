using System.Globalization;
using System.Text.RegularExpressions;

namespace SolarHub.Cli.Tests;

/// <summary>
/// Smoke tests of <c>solarhub bench</c>: each sub-verb runs briefly against the real CLI and ends with its one summary
/// line. The figures themselves depend on the machine; docs/benchmarks.md holds measured ones.
/// </summary>
public class BenchCommandTests
{
    private const string Number = @"\d+(\.\d+)?";

    [Fact]
    public async Task Codec_ends_with_throughput_and_allocations()
    {
        var outcome = await CliProcess.RunAsync(["bench", "codec", "--seconds", "1"]);

        outcome.ExitCode.Should().Be(0, outcome.StdErr);
        LastLine(outcome).Should().MatchRegex($"^codec: {Number} MB/s, \\d+ frames/s, {Number} B allocated/frame$");
    }

    [Fact]
    public async Task Codec_reads_a_capture_file()
    {
        var path = Path.Combine(Path.GetTempPath(), $"solarhub-bench-{Guid.NewGuid():N}.bin");
        await File.WriteAllBytesAsync(path, [.. RealFrames.Bytes(RealFrames.DeviceInfo32), .. RealFrames.Bytes(RealFrames.CellInfo32), .. RealFrames.Bytes(RealFrames.Settings32)]);
        try
        {
            var outcome = await CliProcess.RunAsync(["bench", "codec", "--file", path, "--seconds", "1"]);

            outcome.ExitCode.Should().Be(0, outcome.StdErr);
            outcome.StdOut.Should().Contain("3 valid frames per pass");
            LastLine(outcome).Should().MatchRegex($"^codec: {Number} MB/s, \\d+ frames/s, {Number} B allocated/frame$");
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public async Task Fuzz_ends_with_its_summary_line_and_names_its_seed()
    {
        var outcome = await CliProcess.RunAsync(["bench", "fuzz", "--bytes", "1000000", "--seed", "7"]);

        outcome.ExitCode.Should().Be(0, outcome.StdOut + outcome.StdErr);
        outcome.StdOut.Should().Contain("seed 7 (--seed 7 replays this run)");
        LastLine(outcome).Should().MatchRegex($"^fuzz: 1000000 bytes, {Number} MB/s, 0 exceptions, 0 hangs, 0 B allocated, (?<found>[1-9]\\d*)/\\k<found> spliced frames found$");
    }

    [Fact]
    public async Task Failover_ends_with_both_fault_kinds_and_the_false_failovers_of_its_healthy_period()
    {
        var outcome = await CliProcess.RunAsync(["bench", "failover", "--runs", "1", "--healthy", "2"], timeout: TimeSpan.FromSeconds(120));

        outcome.ExitCode.Should().Be(0, outcome.StdErr);
        LastLine(outcome).Should().MatchRegex($"^failover: rst p50 {Number} ms max {Number} ms, silence p50 {Number} ms max {Number} ms, false failovers 0 in 2 s$");
    }

    [Fact]
    public async Task Soak_recovers_every_fault_loses_no_change_and_ends_with_its_slopes()
    {
        var outcome = await CliProcess.RunAsync(["bench", "soak", "--minutes", "0.4", "--banks", "5"], timeout: TimeSpan.FromSeconds(150));

        outcome.ExitCode.Should().Be(0, outcome.StdOut + outcome.StdErr);
        LastLine(outcome).Should().MatchRegex(
            $"^soak: 0.4 min, 5 banks, (\\d+)/\\1 faults recovered, 0 of \\d+ changes lost, rss \\d+ MiB slope -?{Number} MiB/min, threads \\d+ slope -?{Number}/min, fds \\d+ slope -?{Number}/min$");
    }

    [Fact]
    public async Task Faults_runs_the_chosen_row_prints_its_table_and_ends_with_the_summary_line()
    {
        var outcome = await CliProcess.RunAsync(["bench", "faults", "--quick", "--only", "rst"], timeout: TimeSpan.FromSeconds(90));

        outcome.ExitCode.Should().Be(0, outcome.StdOut + outcome.StdErr);
        outcome.StdOut.Should().MatchRegex(@"(?m)^fault\s+survived\s+detection ms").And.MatchRegex(@"(?m)^rst\s+yes\s");
        LastLine(outcome).Should().MatchRegex(@"^faults: 1/1 survived, worst failover \d+ ms, worst recovery \d+ ms, false failovers 0, lost 0$");
    }

    [Fact]
    public async Task Latency_ends_with_percentiles_and_sample_count()
    {
        var outcome = await CliProcess.RunAsync(["bench", "latency", "--seconds", "1"]);

        outcome.ExitCode.Should().Be(0, outcome.StdErr);
        LastLine(outcome).Should().MatchRegex($"^latency: p50 {Number} ms, p99 {Number} ms, max {Number} ms \\([1-9]\\d* samples\\)$");
    }

    [Fact]
    public async Task Scale_ends_with_cpu_and_memory_per_bank()
    {
        var outcome = await CliProcess.RunAsync(["bench", "scale", "--banks", "3", "--seconds", "1"], timeout: TimeSpan.FromSeconds(90));

        outcome.ExitCode.Should().Be(0, outcome.StdErr);
        LastLine(outcome).Should().MatchRegex($"^scale: 3 banks, {Number} % of one core, -?{Number} KB/bank, floor {Number} % \\({Number}x\\)$");
        outcome.StdOut.Should().Contain("simulators (child process)", "the hub's CPU is measured apart from the simulators'");
    }

    [Fact]
    public async Task Footprint_measures_a_node_started_as_a_user_starts_it()
    {
        var outcome = await CliProcess.RunAsync(["bench", "footprint", "--banks", "2", "--warm-up", "3", "--idle", "2"], timeout: TimeSpan.FromSeconds(120));

        outcome.ExitCode.Should().Be(0, outcome.StdOut + outcome.StdErr);
        LastLine(outcome).Should().MatchRegex(
            $"^footprint: 2 banks rss {Number} MiB, heap {Number} MiB, threads [1-9]\\d*, http {Number} s, fresh {Number} s, all fresh {Number} s, cpu {Number} s/min, anon {Number} MiB, restart fresh {Number} s$");
        // The part the kernel cannot drop is a part of what is resident, and never nothing (the heap is in it).
        var figures = Regex.Match(LastLine(outcome), "rss ([0-9.]+) MiB.*anon ([0-9.]+) MiB");
        double rss = double.Parse(figures.Groups[1].Value, CultureInfo.InvariantCulture), anon = double.Parse(figures.Groups[2].Value, CultureInfo.InvariantCulture);
        anon.Should().BeInRange(1, rss);
    }

    [Theory]
    [InlineData("footprint", "--banks", "1,x")]
    [InlineData("footprint", "--binary", "/no/such/solarhub")]
    [InlineData("codec", "--seconds", "0")]
    [InlineData("codec", "--seconds", "abc")]
    [InlineData("failover", "--runs", "-1")]
    [InlineData("scale", "--gateways", "7", "--banks", "2")]
    [InlineData("faults", "--only", "rst,nosuch")]
    [InlineData("fuzz", "--bytes", "0")]
    [InlineData("fuzz", "--seed", "abc")]
    public async Task Bad_options_get_one_clear_error_and_no_stack_trace(params string[] args)
    {
        var outcome = await CliProcess.RunAsync(["bench", .. args]);

        outcome.ExitCode.Should().NotBe(0);
        (outcome.StdOut + outcome.StdErr).Should().Contain(args[1]).And.NotContain("Unhandled exception").And.NotContain("   at ");
    }

    [Fact]
    public async Task Missing_capture_file_is_named()
    {
        var outcome = await CliProcess.RunAsync(["bench", "codec", "--file", "/no/such/capture.bin"]);

        outcome.ExitCode.Should().Be(1);
        outcome.StdErr.Should().Contain("/no/such/capture.bin").And.Contain("does not exist").And.NotContain("   at ");
    }

    [Fact]
    public async Task Help_lists_every_bench()
    {
        var outcome = await CliProcess.RunAsync(["bench", "--help"]);

        outcome.ExitCode.Should().Be(0);
        outcome.StdOut.Should().Contain("codec").And.Contain("failover").And.Contain("latency").And.Contain("scale").And.Contain("faults").And.Contain("fuzz").And.Contain("soak");
    }

    private static string LastLine(CliProcess.Outcome outcome) =>
        outcome.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "";
}

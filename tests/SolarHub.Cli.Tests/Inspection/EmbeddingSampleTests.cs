using System.Diagnostics;
using FluentAssertions.Execution;

namespace SolarHub.Cli.Tests.Inspection;

/// <summary>samples/SolarHub.EmbeddingSample: an application's own actor system hosting SolarHub's banks (docs/embedding.md).</summary>
public class EmbeddingSampleTests
{
    [Fact]
    public async Task The_sample_hosts_a_bank_its_own_actor_receives_telemetry_and_failover_and_it_asks_for_snapshots()
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(SampleDll());
        foreach (var a in new[] { "--duration", "00:00:16", "--silence-primary-after", "00:00:06" }) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try { await process.WaitForExitAsync(deadline.Token); }
        catch (OperationCanceledException) { process.Kill(entireProcessTree: true); throw new TimeoutException("the sample did not stop after --duration"); }

        var output = await stdout;
        var errors = await stderr;
        process.ExitCode.Should().Be(0, errors);
        var lines = InspectionCli.Lines(output);
        // FluentAssertions shortens long collections; a failure must show the whole run to be diagnosable.
        using var _ = new AssertionScope($"the sample's whole output:{Environment.NewLine}{output}{Environment.NewLine}stderr:{Environment.NewLine}{errors}{Environment.NewLine}");
        lines.Should().Contain(l => l.Contains("pack telemetry: plant-bank pack 1 fresh via primary"), "the application's actor receives PackTelemetry");
        lines.Should().Contain(l => l.Contains("bank telemetry: plant-bank Healthy active=primary packs 3/3 fresh"), "and BankTelemetry");
        lines.Should().Contain(l => l.Contains("FAILOVER: plant-bank primary -> secondary"), "and FailoverOccurred once the primary gateway goes silent");
        lines.Should().Contain(l => l.Contains("snapshot: plant-bank") && l.Contains("primary") && l.Contains("secondary"), "a hosted service asks the bank for its snapshot");
    }

    /// <summary>The sample's own build output, in the configuration and framework of these tests (bin/&lt;configuration&gt;/&lt;tfm&gt;/).</summary>
    private static string SampleDll()
    {
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        string framework = output.Name, configuration = output.Parent!.Name;
        var root = output;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "SolarHub.sln"))) root = root.Parent;
        root.Should().NotBeNull("the tests run from inside the repository");
        var dll = Path.Combine(root!.FullName, "samples", "SolarHub.EmbeddingSample", "bin", configuration, framework, "SolarHub.EmbeddingSample.dll");
        File.Exists(dll).Should().BeTrue($"the sample is built with the tests ({dll})");
        return dll;
    }
}

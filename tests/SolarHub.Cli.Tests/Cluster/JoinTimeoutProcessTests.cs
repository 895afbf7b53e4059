using System.Diagnostics;
using System.Globalization;

namespace SolarHub.Cli.Tests.Cluster;

/// <summary>
/// A real <c>solarhub run --cluster</c> node whose seed never answers gives up joining after
/// <c>shutdown-after-unsuccessful-join-seed-nodes</c> (60 s shipped, see ClusterRulesTests; 5 s here through
/// <c>--hocon</c>), says why in one line and exits 1, for its service to start it again; Akka's own default would leave
/// it waiting for ever.
/// </summary>
public sealed class JoinTimeoutProcessTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("solarhub-join-timeout-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); }
        catch (IOException) { }
    }

    [Fact]
    public async Task A_node_whose_seeds_never_answer_exits_1_after_the_join_timeout_naming_the_setting()
    {
        string Endpoint(int p) => $"127.0.0.1:{p.ToString(CultureInfo.InvariantCulture)}";
        int own = LoopbackPorts.Free(), silentSeed = LoopbackPorts.Free();
        string hocon = Path.Combine(_folder, "join.conf");
        await File.WriteAllTextAsync(hocon, "akka.cluster.shutdown-after-unsuccessful-join-seed-nodes = 5s\n");
        var clock = Stopwatch.StartNew();

        var outcome = await CliProcess.RunAsync(["run", "--cluster", "--node", "b", "--remoting", Endpoint(own), "--seeds", $"{Endpoint(silentSeed)},{Endpoint(own)}",
            "--database", Path.Combine(_folder, "cluster.db"), "--urls", $"http://{Endpoint(LoopbackPorts.Free())}", "--hocon", hocon, "--duration", "00:05:00"],
            timeout: TimeSpan.FromSeconds(90));

        string said = outcome.StdOut + outcome.StdErr;
        outcome.ExitCode.Should().Be(1, said);
        clock.Elapsed.Should().BeGreaterThan(TimeSpan.FromSeconds(5), "it tried for the whole join timeout first");
        said.Split('\n').Last(l => l.StartsWith("run: ", StringComparison.Ordinal)).Should()
            .StartWith("run: node 'b' did not join the cluster through its seeds in time (akka.cluster.shutdown-after-unsuccessful-join-seed-nodes")
            .And.Contain("exiting with 1");
        said.Should().NotContain("is JOINING itself", "a node that is not the first seed never forms a cluster of its own");
        outcome.StdErr.Should().NotContain("   at ", "no stack trace");
    }
}

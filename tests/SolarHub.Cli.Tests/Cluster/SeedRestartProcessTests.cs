using SolarHub.TestSupport;
using Xunit.Abstractions;

namespace SolarHub.Cli.Tests.Cluster;

/// <summary>
/// The first seed restarted while another seed is down joins the node that still runs, through the seeds
/// <c>deploy/cluster-local.sh</c> gives every node (all of them), instead of forming a second cluster beside it.
/// </summary>
public sealed class SeedRestartProcessTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Token = "seed-restart-test-token";
    private readonly LocalCluster _cluster = new(output, Token);

    public Task InitializeAsync() => Task.CompletedTask;

    [PostgresFact(Timeout = 300_000)]
    public async Task The_first_seed_restarted_while_the_second_is_lost_joins_the_third_node_instead_of_forming_a_cluster_of_its_own()
    {
        await _cluster.StartAsync(demo: false);
        await _cluster.WaitForAsync(_cluster.Url(3), v => LocalCluster.UpMembers(v) == 3, TimeSpan.FromSeconds(60));

        // n2 is lost for good; n1 and n3 are the majority and remove it.
        (await _cluster.ScriptAsync(["kill", "n2", "--dir", _cluster.Dir], TimeSpan.FromSeconds(30))).ExitCode.Should().Be(0);
        await _cluster.WaitForAsync(_cluster.Url(3), v => LocalCluster.MemberNames(v).SequenceEqual(["n1", "n3"]) && LocalCluster.UpMembers(v) == 2,
            TimeSpan.FromSeconds(60));

        // n1 leaves (an upgrade, a reboot) and is started again while n2 is still down.
        var tokenFile = Path.Combine(_cluster.Dir, "token");
        await File.WriteAllTextAsync(tokenFile, Token + "\n");
        var leave = await CliProcess.RunAsync(["cluster", "leave", "n1", "--url", _cluster.Url(3), "--token-file", tokenFile]);
        leave.ExitCode.Should().Be(0, leave.StdErr);
        await _cluster.WaitForAsync(_cluster.Url(3), v => LocalCluster.MemberNames(v).SequenceEqual(["n3"]), TimeSpan.FromSeconds(60));
        await Wait.UntilAsync(() => _cluster.ScriptAsync(["status", "--dir", _cluster.Dir], TimeSpan.FromSeconds(30)),
            status => status.StdOut.Split('\n').Any(line => line.StartsWith("n1 ", StringComparison.Ordinal) && line.EndsWith(" stopped", StringComparison.Ordinal)),
            "n1's process gone after its leave", TimeSpan.FromSeconds(60));
        var again = await _cluster.ScriptAsync(["start-node", "n1", "--dir", _cluster.Dir], TimeSpan.FromSeconds(120));
        again.ExitCode.Should().Be(0, again.StdErr);

        // One cluster: n1 sees n3 and n3 sees n1 (with only n1 and n2 as seeds, n1 formed a cluster of its own).
        var fromN1 = await _cluster.WaitForAsync(_cluster.Url(1), v => LocalCluster.UpMembers(v) == 2, TimeSpan.FromSeconds(60));
        LocalCluster.MemberNames(fromN1).Should().Equal("n1", "n3");
        var fromN3 = await _cluster.WaitForAsync(_cluster.Url(3), v => LocalCluster.UpMembers(v) == 2, TimeSpan.FromSeconds(30));
        LocalCluster.MemberNames(fromN3).Should().Equal("n1", "n3");
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();
}

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace SolarHub.Cli.Tests.Cluster;

/// <summary>
/// Real <c>solarhub run --cluster</c> processes on 127.0.0.1 with remoting over TLS: two nodes holding the site's
/// self-signed certificate form a cluster; a node with another certificate stops (exit 78), one with none never joins
/// (it gives up after the join timeout, exit 1).
/// </summary>
public sealed class RemotingTlsProcessTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private const string Password = "correct horse battery staple";
    private readonly string _folder = Directory.CreateTempSubdirectory("solarhub-tls-cluster-").FullName;
    private readonly List<Node> _nodes = [];
    private string Shared => Path.Combine(_folder, "site.pfx");
    private string Stranger => Path.Combine(_folder, "stranger.pfx");
    private string PasswordFile => Path.Combine(_folder, "pfx-password");
    private string Database => Path.Combine(_folder, "cluster.db");

    public Task InitializeAsync()
    {
        TestCertificates.Create(Shared, "solarhub-site", Password);
        TestCertificates.Create(Stranger, "stranger", Password);
        File.WriteAllText(PasswordFile, Password + "\n");
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        foreach (var node in _nodes) node.Dispose();
        try { Directory.Delete(_folder, recursive: true); }
        catch (IOException) { }
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Nodes_sharing_the_certificate_form_a_cluster_one_with_another_stops_with_78_and_one_without_never_joins()
    {
        int aPort = LoopbackPorts.Free();
        var a = Start("a", aPort, aPort, Shared);
        await UntilAsync(() => a.Saw(MovedUp(aPort)), "node a up on its own", Patience);

        int bPort = LoopbackPorts.Free();
        var b = Start("b", bPort, aPort, Shared);
        await UntilAsync(() => a.Saw(MovedUp(bPort)), "node a moving node b to Up", Patience);
        await UntilAsync(() => b.Saw($"Welcome from [akka.ssl.tcp://solarhub@127.0.0.1:{aPort}]"), "node b welcomed by a", Patience);
        b.Saw("cluster: remoting over TLS with certificate CN=solarhub-site").Should().BeTrue(b.Log());

        int cPort = LoopbackPorts.Free(), dPort = LoopbackPorts.Free();
        var c = Start("c", cPort, aPort, Stranger);
        var d = Start("d", dPort, aPort, certificate: null);

        // c and a refuse each other's certificate (whichever checks first ends the handshake); Akka stops a node whose
        // handshake failed as the client, and run says why and exits 78 (not restarted). The plaintext node's connections
        // fail a's TLS handshake on a's side, which a survives; d tries again and again.
        const string refused = "is not this site's shared certificate";
        await UntilAsync(() => c.Process.HasExited, "node c stopping after its TLS handshake failed", Patience);
        c.Process.WaitForExit();
        c.Process.ExitCode.Should().Be(78, c.Log());
        c.Lines.Last(l => l.StartsWith("run: ", StringComparison.Ordinal)).Should()
            .StartWith("run: node 'c' stopped: a TLS handshake with a peer failed").And.Contain("exiting with 78");
        (a.Count(refused) + c.Count(refused)).Should().BeGreaterThanOrEqualTo(1, "one of them named the certificate it refused");
        await UntilAsync(() => a.Count("due to TLS handshake failure") >= 2, "node a rejecting d's plaintext connections", Patience);
        await UntilAsync(() => d.Count($"Association failed with akka.tcp://solarhub@127.0.0.1:{aPort}") >= 2, "node d failing to associate with a", Patience);

        foreach (var member in new[] { a, b })
        {
            member.Saw($"127.0.0.1:{cPort}] is JOINING").Should().BeFalse(member.Log());
            member.Saw(MovedUp(cPort)).Should().BeFalse(member.Log());
            member.Saw($"127.0.0.1:{dPort}] is JOINING").Should().BeFalse(member.Log());
            member.Saw(MovedUp(dPort)).Should().BeFalse(member.Log());
        }
        c.Saw("Welcome from").Should().BeFalse(c.Log());
        d.Saw("Welcome from").Should().BeFalse(d.Log());
        c.Saw("is JOINING itself").Should().BeFalse("a node that lists only a as its seed never forms a cluster of its own");
        new[] { a, b }.Where(n => n.Process.HasExited).Select(n => $"{n.Name} exited with {n.Process.ExitCode}; {n.Log()}").Should().BeEmpty();
        // d tries until the join timeout (60 s), then gives up for its service to start it again.
        if (d.Process.HasExited)
        {
            d.Process.ExitCode.Should().Be(1, d.Log());
            d.Saw("run: node 'd' did not join the cluster through its seeds in time").Should().BeTrue(d.Log());
        }
    }

    [Fact]
    public async Task A_wrong_password_stops_run_with_one_line_and_exit_2()
    {
        string wrong = Path.Combine(_folder, "wrong-password");
        await File.WriteAllTextAsync(wrong, "not it\n");
        int port = LoopbackPorts.Free();
        var outcome = await CliProcess.RunAsync(["run", "--cluster", "--node", "a", "--remoting", $"127.0.0.1:{port}", "--database", Database,
            "--urls", $"http://127.0.0.1:{LoopbackPorts.Free()}", "--remoting-certificate", Shared, "--remoting-certificate-password-file", wrong,
            "--duration", "00:00:30"]);

        outcome.ExitCode.Should().Be(2);
        outcome.StdErr.Trim().Should().StartWith($"run: --remoting-certificate {Shared}: cannot open it with the password in --remoting-certificate-password-file {wrong}")
            .And.NotContain("\n").And.NotContain(" at ");
        outcome.StdOut.Should().BeEmpty("nothing started");
    }

    [Fact]
    public async Task A_missing_certificate_from_the_environment_stops_run_with_exit_2()
    {
        string missing = Path.Combine(_folder, "missing.pfx");
        var outcome = await CliProcess.RunProgramAsync(CliProcess.Command.FileName, [.. CliProcess.Command.Prefix, "run", "--cluster", "--node", "a",
            "--remoting", $"127.0.0.1:{LoopbackPorts.Free()}", "--database", Database, "--urls", $"http://127.0.0.1:{LoopbackPorts.Free()}", "--duration", "00:00:30"],
            new Dictionary<string, string> { ["SOLARHUB_REMOTING_CERTIFICATE"] = missing });

        outcome.ExitCode.Should().Be(2);
        outcome.StdErr.Trim().Should().Be($"run: SOLARHUB_REMOTING_CERTIFICATE {missing}: no such file");
    }

    /// <summary>Waits like <see cref="Wait.UntilAsync"/>, and a time out shows every node's log and exit status.</summary>
    private async Task UntilAsync(Func<bool> condition, string what, TimeSpan patience)
    {
        try { await Wait.UntilAsync(condition, what, patience); }
        catch (TimeoutException e)
        {
            var logs = _nodes.Select(n => $"{(n.Process.HasExited ? $"{n.Name} exited with {n.Process.ExitCode}" : $"{n.Name} running")}; {n.Log()}");
            throw new TimeoutException($"{e.Message}\n{string.Join("\n\n", logs)}", e);
        }
    }

    private static string MovedUp(int port) => $"Leader is moving node [akka.ssl.tcp://solarhub@127.0.0.1:{port}] to [Up]";

    private Node Start(string name, int remotingPort, int seedPort, string? certificate)
    {
        string Endpoint(int p) => $"127.0.0.1:{p.ToString(CultureInfo.InvariantCulture)}";
        List<string> args = ["run", "--cluster", "--node", name, "--remoting", Endpoint(remotingPort), "--seeds", Endpoint(seedPort), "--database", Database,
            "--urls", $"http://{Endpoint(LoopbackPorts.Free())}", "--verbose", "--duration", "00:05:00"];
        if (certificate is not null) args.AddRange(["--remoting-certificate", certificate, "--remoting-certificate-password-file", PasswordFile]);
        var node = new Node(name, Process.Start(CliProcess.StartInfo(args))!);
        _nodes.Add(node);
        node.Process.StandardInput.Close();
        node.Process.OutputDataReceived += (_, e) => { if (e.Data is { } line) node.Lines.Enqueue(line); };
        node.Process.ErrorDataReceived += (_, e) => { if (e.Data is { } line) node.Lines.Enqueue(line); };
        node.Process.BeginOutputReadLine();
        node.Process.BeginErrorReadLine();
        return node;
    }

    private sealed record Node(string Name, Process Process) : IDisposable
    {
        public ConcurrentQueue<string> Lines { get; } = new();

        public bool Saw(string text) => Lines.Any(l => l.Contains(text, StringComparison.Ordinal));

        public int Count(string text) => Lines.Count(l => l.Contains(text, StringComparison.Ordinal));

        public string Log() => $"node {Name}'s log:\n{string.Join('\n', Lines)}";

        public void Dispose()
        {
            try
            {
                if (!Process.HasExited) Process.Kill(entireProcessTree: true);
                Process.WaitForExit(10_000);
            }
            catch (InvalidOperationException) { }
            Process.Dispose();
        }
    }
}

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace SolarHub.Cli.Tests.Deploy;

/// <summary>
/// Walks deploy/README.md's install as far as a machine without a running systemd allows, in a temporary root
/// (install.sh's DESTDIR): install, <c>systemd-analyze verify</c> of the installed unit, the documented
/// <c>config import</c> into the state directory, then the unit's own ExecStart line, which must serve the imported
/// bank. The published single file is stood in for by a script that runs the CLI built beside these tests: publishing
/// is the packaging's test, the paths and the command line are this one's.
/// </summary>
public sealed class DeployInstallTests(ITestOutputHelper output) : IDisposable
{
    private const string ConfigYaml = """
        battery_banks:
          - id: house
            name: House bank
            adapters:
              - adapter: {type: jkbms_tcpip, connection_type: tcpip, host: 127.0.0.1, port: 9, batteries: 2, cells_per_battery: 16, bms_broadcasting: true}
                priority: 1
        """;

    private readonly string _temp = Path.Combine(Path.GetTempPath(), $"solarhub-deploy-{Guid.NewGuid():N}");
    private string Root => Path.Combine(_temp, "root");

    public void Dispose()
    {
        try { Directory.Delete(_temp, recursive: true); }
        catch (IOException) { /* a file still held by a dying process; the temp folder is cleaned by the OS */ }
    }

    [Fact]
    public async Task Installed_unit_verifies_and_its_command_serves_the_imported_bank()
    {
        // 1-2. "Publish" and install.sh.
        var publish = Directory.CreateDirectory(Path.Combine(_temp, "publish")).FullName;
        var standIn = Path.Combine(publish, "solarhub");
        await File.WriteAllTextAsync(standIn, $"#!/bin/sh\nexec {CliProcess.ShellCommand} \"$@\"\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(standIn, (UnixFileMode)0b111_101_101); // rwxr-xr-x
        var install = await CliProcess.RunProgramAsync("bash", [Path.Combine(RepositoryRoot.Path, "deploy", "install.sh"), publish],
            new Dictionary<string, string> { ["DESTDIR"] = Root });
        install.ExitCode.Should().Be(0, install.StdOut + install.StdErr);
        var unit = In("/etc/systemd/system/solarhub.service");
        File.Exists(unit).Should().BeTrue();
        Directory.Exists(In("/etc/solarhub")).Should().BeTrue("config.yaml and solarhub.env go there");

        await VerifyUnit();

        // 3. The documented import, into the database the unit runs on.
        string[] execStart = ExecStart(unit);
        execStart[0].Should().Be("/opt/solarhub/solarhub");
        execStart[1].Should().Be("run");
        string database = execStart.SkipWhile(a => a != "--database").Skip(1).First();
        database.Should().StartWith("/var/lib/solarhub/", "StateDirectory=solarhub is the only place the service keeps data");
        await File.WriteAllTextAsync(In("/etc/solarhub/config.yaml"), ConfigYaml);
        var import = await CliProcess.RunProgramAsync(In("/opt/solarhub/solarhub"),
            ["config", "import", In("/etc/solarhub/config.yaml"), "--database", In(database)]);
        import.ExitCode.Should().Be(0, import.StdOut + import.StdErr);
        import.StdOut.Should().Contain("bank house added");

        // 4. The unit's command line, its paths moved into the temporary root and its port to a free one.
        int port = LoopbackPorts.Free();
        var args = execStart.Skip(1)
            .Select(a => a.StartsWith('/') ? In(a) : a.StartsWith("http://127.0.0.1:") ? $"http://127.0.0.1:{port}" : a)
            .ToList();
        args.Should().Contain($"http://127.0.0.1:{port}", "the API listens on loopback");
        using var node = NodeProcess.Start(In(execStart[0]), args);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(15) };
        try
        {
            var health = await Wait.UntilAsync(() => Get(http, "/health", node), h => h?["status"] is not null,
                "GET /health to answer", TimeSpan.FromSeconds(60));
            output.WriteLine($"/health: {health!["status"]}");
            var banks = await Wait.UntilAsync(() => Get(http, "/api/banks", node),
                b => b is JsonArray a && a.Any(x => x?["id"]?.GetValue<string>() == "house"),
                "the imported bank at /api/banks", TimeSpan.FromSeconds(60));
            banks!.AsArray().Single()!["name"]!.GetValue<string>().Should().Be("House bank");

            // systemctl stop sends SIGTERM and waits TimeoutStopSec (30 s) before killing.
            var stopped = await node.StopAsync(TimeSpan.FromSeconds(30));
            stopped.Should().BeTrue("the hub stops on SIGTERM within the unit's TimeoutStopSec");
        }
        finally { output.WriteLine(node.Output); }
    }

    private string In(string absolute) => Root + absolute;

    private static string[] ExecStart(string unit) =>
        File.ReadLines(unit).Single(l => l.StartsWith("ExecStart=")).Substring("ExecStart=".Length)
            .Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>
    /// <c>systemd-analyze verify</c> of the installed unit against the temporary root: it checks every directive and
    /// that ExecStart names an executable there. It needs the system's own units in that root (sysinit.target...).
    /// Unknown or malformed directives are only warnings, so the test requires it to say nothing about the unit.
    /// </summary>
    private async Task VerifyUnit()
    {
        var analyze = new[] { "/usr/bin/systemd-analyze", "/bin/systemd-analyze" }.FirstOrDefault(File.Exists);
        var units = new[] { "/usr/lib/systemd/system", "/lib/systemd/system" }.FirstOrDefault(Directory.Exists);
        if (analyze is null || units is null)
        {
            output.WriteLine("systemd-analyze or the system's units are not installed: the unit is not verified here");
            return;
        }
        Directory.CreateDirectory(In("/usr/lib/systemd"));
        var copy = await CliProcess.RunProgramAsync("cp", ["-a", units, In("/usr/lib/systemd/")]);
        copy.ExitCode.Should().Be(0, copy.StdErr);
        var verify = await CliProcess.RunProgramAsync(analyze, ["verify", $"--root={Root}", "solarhub.service"]);
        output.WriteLine($"systemd-analyze verify: exit {verify.ExitCode} {verify.StdOut}{verify.StdErr}");
        verify.ExitCode.Should().Be(0, verify.StdOut + verify.StdErr);
        (verify.StdOut + verify.StdErr).Should().NotContain("solarhub.service", "every directive of the unit must be understood");
    }

    private static async Task<JsonNode?> Get(HttpClient http, string path, NodeProcess node)
    {
        if (node.Process.HasExited)
            throw new InvalidOperationException($"the hub exited with {node.Process.ExitCode}:\n{node.Output}");
        try
        {
            // /health answers 503 with the same body when something is unhealthy (no gateway listens here).
            using var response = await http.GetAsync(path);
            return JsonNode.Parse(await response.Content.ReadAsStringAsync());
        }
        catch (HttpRequestException) { return null; /* not listening yet */ }
        // A node starting on a loaded machine may take longer than the client's timeout to answer its first request.
        catch (TaskCanceledException) { return null; }
        catch (System.Text.Json.JsonException) { return null; }
    }


    /// <summary>The hub as systemd runs it: standard input closed, output collected (the journal), stopped with SIGTERM.</summary>
    private sealed class NodeProcess(Process process) : IDisposable
    {
        private readonly ConcurrentQueue<string> _lines = new();
        public Process Process { get; } = process;
        public string Output => string.Join('\n', _lines);

        public static NodeProcess Start(string fileName, IEnumerable<string> args)
        {
            var info = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
            foreach (var a in args) info.ArgumentList.Add(a);
            var node = new NodeProcess(Process.Start(info)!);
            node.Process.StandardInput.Close();
            node.Process.OutputDataReceived += (_, e) => { if (e.Data is not null) node._lines.Enqueue(e.Data); };
            node.Process.ErrorDataReceived += (_, e) => { if (e.Data is not null) node._lines.Enqueue(e.Data); };
            node.Process.BeginOutputReadLine();
            node.Process.BeginErrorReadLine();
            return node;
        }

        public async Task<bool> StopAsync(TimeSpan timeout)
        {
            using var kill = Process.Start("kill", ["-TERM", Process.Id.ToString()]);
            await kill.WaitForExitAsync();
            using var cts = new CancellationTokenSource(timeout);
            try { await Process.WaitForExitAsync(cts.Token); return true; }
            catch (OperationCanceledException) { return false; }
        }

        public void Dispose()
        {
            if (!Process.HasExited) Process.Kill(entireProcessTree: true);
            Process.WaitForExit(10_000);
            Process.Dispose();
        }
    }
}

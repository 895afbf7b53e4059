using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace SolarHub.Cli.Tests;

/// <summary>Starts the real <c>solarhub run</c> demo and inspects it over HTTP on loopback.</summary>
public class RunCommandTests
{
    [Fact]
    public async Task Demo_node_serves_the_bank_with_an_active_adapter_fresh_packs_and_adapter_heartbeats()
    {
        int port = LoopbackPorts.Free();
        using var node = StartNode(["run", "--urls", $"http://127.0.0.1:{port}", "--duration", "00:01:30", "--database", TempDatabase()]);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(5) };

        var bank = await PollUntil(http, "/api/banks/demo-bank", b =>
            b["activeAdapter"]?.GetValue<string>() == "primary"
            && b["packs"]!.AsArray().All(p => !p!["stale"]!.GetValue<bool>())
            && b["adapters"]!.AsArray().All(a => a!["state"]!.GetValue<string>() == "Healthy"), node);

        bank["id"]!.GetValue<string>().Should().Be("demo-bank");
        bank["state"]!.GetValue<string>().Should().Be("Healthy");
        var adapters = bank["adapters"]!.AsArray();
        adapters.Select(a => a!["id"]!.GetValue<string>()).Should().Equal("primary", "secondary");
        adapters.Should().OnlyContain(a => a!["lastHeartbeat"] != null && a["state"]!.GetValue<string>() == "Healthy");
        var packs = bank["packs"]!.AsArray();
        packs.Select(p => p!["address"]!.GetValue<int>()).Should().Equal(1, 2, 3);
        packs.Should().OnlyContain(p => p!["updatedAt"] != null && p["values"]!["cells"]!.AsArray().Count == 16);
        bank["failovers"]!.AsArray().Should().BeEmpty("a healthy demo never fails over");
    }

    [Fact]
    public async Task Run_names_the_dashboards_address_on_the_line_after_the_apis()
    {
        int port = LoopbackPorts.Free();
        var outcome = await CliProcess.RunAsync(["run", "--urls", $"http://127.0.0.1:{port}", "--duration", "00:00:05", "--database", TempDatabase()]);

        outcome.ExitCode.Should().Be(0, outcome.StdErr);
        var lines = outcome.StdOut.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        int api = lines.FindIndex(l => l.StartsWith($"HTTP API on http://127.0.0.1:{port} ("));
        api.Should().BeGreaterThanOrEqualTo(0, outcome.StdOut);
        lines[api + 1].Should().Be($"dashboard: http://127.0.0.1:{port}/ (docs/dashboard.md)");
    }

    [Fact]
    public async Task A_duration_shorter_than_the_start_counts_from_when_the_api_is_up()
    {
        // Half a second is less than any start takes: it used to end the run before the API was up, silently (exit 1).
        int port = LoopbackPorts.Free();
        var outcome = await CliProcess.RunAsync(["run", "--urls", $"http://127.0.0.1:{port}", "--duration", "00:00:00.5", "--database", TempDatabase()]);

        outcome.ExitCode.Should().Be(0, outcome.StdErr);
        outcome.StdOut.Should().Contain($"HTTP API on http://127.0.0.1:{port} (");
        outcome.StdErr.Should().NotContain("   at ");
    }

    [Fact]
    public async Task Unknown_bank_is_404()
    {
        int port = LoopbackPorts.Free();
        using var node = StartNode(["run", "--urls", $"http://127.0.0.1:{port}", "--duration", "00:01:00", "--database", TempDatabase()]);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(5) };
        await PollUntil(http, "/api/banks/demo-bank", _ => true, node);

        var response = await http.GetAsync("/api/banks/no-such-bank");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Config_file_with_errors_starts_nothing_and_names_the_error()
    {
        var path = Path.Combine(Path.GetTempPath(), $"solarhub-bad-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(path, """
            battery_banks:
              - id: bank-1
                name: House bank
                adapter: {type: pytes, host: 127.0.0.1, port: 8899, batteries: 2}
            """);
        try
        {
            var outcome = await CliProcess.RunAsync(["run", "--config", path, "--duration", "00:00:05"]);
            outcome.ExitCode.Should().Be(2);
            outcome.StdErr.Should().Contain("pytes").And.Contain("bank-1");
        }
        finally { File.Delete(path); }
    }

    private static string TempDatabase() => Path.Combine(Path.GetTempPath(), $"solarhub-test-{Guid.NewGuid():N}", "solarhub.db");


    private sealed class Node(Process process) : IDisposable
    {
        public Process Process { get; } = process;

        public void Dispose()
        {
            if (!Process.HasExited) Process.Kill(entireProcessTree: true);
            Process.WaitForExit(10_000);
            Process.Dispose();
        }
    }

    private static Node StartNode(string[] args)
    {
        var process = Process.Start(CliProcess.StartInfo(args))!;
        // Drain output so the child never blocks on a full pipe.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new Node(process);
    }

    private static async Task<JsonObject> PollUntil(HttpClient http, string path, Func<JsonObject, bool> done, Node node)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(45);
        JsonObject? last = null;
        while (DateTime.UtcNow < deadline)
        {
            node.Process.HasExited.Should().BeFalse("the node must keep running");
            try
            {
                var response = await http.GetAsync(path);
                if (response.IsSuccessStatusCode)
                {
                    last = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
                    if (done(last)) return last;
                }
            }
            catch (HttpRequestException) { /* not listening yet */ }
            await Task.Delay(200); // polling interval of a bounded wait on the node's own answer
        }
        throw new TimeoutException($"{path} never satisfied the condition; last answer: {last}");
    }
}

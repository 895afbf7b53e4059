using System.Diagnostics;
using System.Text.Json.Nodes;

namespace SolarHub.Cli.Tests.Inspection;

/// <summary>
/// One real <c>solarhub run</c> node with the demo bank (simulated gateways on loopback) per test class, ready when the
/// demo bank's active adapter is the primary and every pack is fresh.
/// </summary>
public sealed class DemoNode : IAsyncLifetime
{
    public const string BankId = "demo-bank";
    private static readonly TimeSpan ReadyDeadline = TimeSpan.FromSeconds(60);

    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"solarhub-inspection-{Guid.NewGuid():N}");
    private Process? _process;

    public string Url { get; } = $"http://127.0.0.1:{InspectionCli.FreePort()}";

    public async Task InitializeAsync()
    {
        // --duration: a node orphaned by a crashed test run still ends by itself.
        var info = CliProcess.StartInfo(["run", "--urls", Url, "--database", Path.Combine(_directory, "solarhub.db"), "--duration", "00:05:00"]);
        _process = Process.Start(info)!;
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var http = new HttpClient { BaseAddress = new Uri(Url), Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + ReadyDeadline;
        string last = "(no answer)";
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) throw new InvalidOperationException($"the node exited with {_process.ExitCode}");
            try
            {
                var response = await http.GetAsync($"/api/banks/{BankId}");
                last = await response.Content.ReadAsStringAsync();
                if (response.IsSuccessStatusCode && JsonNode.Parse(last) is JsonObject bank
                    && bank["activeAdapter"]?.GetValue<string>() == "primary"
                    && bank["packs"]!.AsArray().All(p => !p!["stale"]!.GetValue<bool>()))
                    return;
            }
            catch (HttpRequestException) { /* not listening yet */ }
            await Task.Delay(250); // polling interval of a bounded wait on the node's own answer
        }
        throw new TimeoutException($"the demo node at {Url} never got ready; last answer: {last}");
    }

    public Task DisposeAsync()
    {
        if (_process is not null)
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
            _process.Dispose();
        }
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        return Task.CompletedTask;
    }
}

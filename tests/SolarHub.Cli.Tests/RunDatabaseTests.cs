using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Npgsql;

namespace SolarHub.Cli.Tests;

/// <summary><c>solarhub run</c> on a database it cannot use: one line, never a flood of stack traces or a crash.</summary>
public class RunDatabaseTests
{
    [Fact]
    public async Task A_folder_given_as_the_database_stops_the_run_with_one_line_and_exit_1()
    {
        var folder = Directory.CreateTempSubdirectory("solarhub-db-folder-").FullName;
        try
        {
            var outcome = await CliProcess.RunAsync(["run", "--database", folder, "--urls", $"http://127.0.0.1:{LoopbackPorts.Free()}", "--duration", "00:00:30"]);

            outcome.ExitCode.Should().Be(1);
            outcome.StdErr.Trim().Should().StartWith("run: cannot open sqlite:").And.Contain(folder).And.NotContain("\n").And.NotContain(" at ");
        }
        finally { Directory.Delete(folder, recursive: true); }
    }

    [Fact]
    public async Task A_file_that_is_not_SQLite_stops_the_run_with_one_line_and_exit_1()
    {
        var file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, "these are not the tables you are looking for\n");
        try
        {
            var outcome = await CliProcess.RunAsync(["run", "--database", file, "--urls", $"http://127.0.0.1:{LoopbackPorts.Free()}", "--duration", "00:00:30"]);

            outcome.ExitCode.Should().Be(1);
            outcome.StdErr.Trim().Should().Contain("file is not a database").And.NotContain("\n").And.NotContain(" at ");
        }
        finally { File.Delete(file); }
    }

    [PostgresFact]
    public async Task A_database_that_comes_up_later_is_waited_for_quietly_while_health_answers_not_ready()
    {
        await using var database = await TestDatabase.PostgresAsync();
        var server = new NpgsqlConnectionStringBuilder(database.Config.ConnectionString);
        await using var relay = new TcpRelay(new IPEndPoint(IPAddress.Loopback, server.Port));
        var late = new NpgsqlConnectionStringBuilder(database.Config.ConnectionString) { Port = relay.Port }.ConnectionString;
        int port = LoopbackPorts.Free();
        using var node = RunningNode.Start(["run", "--database", late, "--urls", $"http://127.0.0.1:{port}", "--duration", "00:01:30"]);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };

        var ready = await Wait.UntilAsync(() => Get(http, "/health/ready"), r => r.Status != null, "GET /health/ready answers", TimeSpan.FromSeconds(30));
        ready.Status.Should().Be(HttpStatusCode.ServiceUnavailable);
        ready.Body!["checks"]!["database"]!["description"]!.GetValue<string>().Should().StartWith("waiting for the database").And.Contain("refused");
        (await Get(http, "/health/live")).Status.Should().Be(HttpStatusCode.OK, "a node waiting for its database is alive: a supervisor must not restart it");

        // Some quiet retries later, the database comes up.
        await Wait.UntilAsync(() => node.Lines.Count(l => l.Contains("waiting for")) >= 2, "the run and the store each said they wait", TimeSpan.FromSeconds(20));
        relay.Start();

        await Wait.UntilAsync(() => Get(http, "/api/banks/demo-bank"), r => r.Status == HttpStatusCode.OK, "the banks start once the database answers", TimeSpan.FromSeconds(45));
        var healthy = await Wait.UntilAsync(() => Get(http, "/health/ready"), r => r.Body?["checks"]?["database"]?["status"]?.GetValue<string>() == "Healthy",
            "the database check is healthy", TimeSpan.FromSeconds(30));
        healthy.Body!["checks"]!["database"]!["description"]!.GetValue<string>().Should().Contain("reachable");

        node.Process.HasExited.Should().BeFalse();
        var lines = node.Lines.ToList();
        lines.Where(l => l.Contains("waiting for")).Should().HaveCount(2, "it says so once (the run, and the store's log), then retries quietly: {0}", string.Join('\n', lines));
        lines.Should().NotContain(l => l.StartsWith("   at ") || l.Contains("Exception"), "no stack trace: {0}", string.Join('\n', lines));
    }

    [Fact]
    public async Task Ctrl_C_while_a_slow_database_server_is_asked_stops_the_run_at_once_with_exit_0()
    {
        // A "server" that takes the connection and never answers: the run's first question to the database hangs until
        // the driver's 5 s timeout.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        int serverPort = ((IPEndPoint)silent.LocalEndpoint).Port;
        using var node = RunningNode.Start(["run", "--database", $"postgresql://solarhub@127.0.0.1:{serverPort}/solarhub",
            "--urls", $"http://127.0.0.1:{LoopbackPorts.Free()}", "--duration", "00:01:00"]);
        using var asked = await silent.AcceptTcpClientAsync().WaitAsync(TimeSpan.FromSeconds(30));
        // The connection is made before the command line's Ctrl+C handler is in place (it comes once the verb first
        // waits); well inside the driver's timeout, it is.
        await Task.Delay(TimeSpan.FromSeconds(1));

        using (var interrupt = Process.Start("kill", ["-INT", node.Process.Id.ToString()])) await interrupt.WaitForExitAsync();
        using var exited = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await node.Process.WaitForExitAsync(exited.Token);

        var lines = node.Lines.ToList();
        node.Process.ExitCode.Should().Be(0, "Ctrl+C is a stop as asked, as it is once the node runs: {0}", string.Join('\n', lines));
        // Before, the run waited the driver's timeout out, then said it would wait for the database, then stopped.
        lines.Should().NotContain(l => l.Contains("waiting for it"), "it stops when asked, not after the database's answer: {0}", string.Join('\n', lines));
        lines.Should().NotContain(l => l.TrimStart().StartsWith("at ") || l.Contains("Exception"), "no stack trace: {0}", string.Join('\n', lines));
    }

    private sealed record Answer(HttpStatusCode? Status, JsonNode? Body);

    private static async Task<Answer> Get(HttpClient http, string path)
    {
        try
        {
            using var response = await http.GetAsync(path);
            var text = await response.Content.ReadAsStringAsync();
            return new Answer(response.StatusCode, text.StartsWith('{') ? JsonNode.Parse(text) : null);
        }
        catch (HttpRequestException) { return new Answer(null, null); }
        catch (TaskCanceledException) { return new Answer(null, null); }
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace SolarHub.Bench.Faults;

/// <summary>
/// A single <c>solarhub run --database ...</c> node of its own for a fault row: its output in a log file, killed with
/// SIGKILL (a power cut) and started again on the same port, as systemd would. Its API's state-changing endpoints take
/// <see cref="ApiToken"/>. <paramref name="arguments"/>: more arguments of <c>run</c> (e.g. <c>--hocon</c>).
/// </summary>
public sealed partial class NodeProcess(string database, string directory, IReadOnlyList<string>? arguments = null) : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private Process? _process;
    private Task _pump = Task.CompletedTask;

    public string ApiToken { get; } = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
    public Uri Url { get; } = new($"http://127.0.0.1:{LoopbackPort.Free().ToString(CultureInfo.InvariantCulture)}");
    public string LogPath => Path.Combine(directory, "node.log");
    public bool IsRunning => _process is { HasExited: false };

    public async Task StartAsync(HttpClient http, CancellationToken ct)
    {
        if (IsRunning) return;
        var info = SolarHubProcess.StartInfo(["run", "--database", database, "--urls", Url.ToString().TrimEnd('/'), "--verbose", .. arguments ?? []]);
        info.Environment["SOLARHUB_API_TOKEN"] = ApiToken;
        var process = _process = Process.Start(info) ?? throw new BenchException("cannot start a solarhub node");
        process.StandardInput.Close();
        var log = new StreamWriter(LogPath, append: true) { AutoFlush = true };
        await log.WriteLineAsync($"==== {DateTimeOffset.Now:O} started (pid {process.Id})");
        _pump = Task.WhenAll(Copy(process.StandardOutput, log), Copy(process.StandardError, log)).ContinueWith(_ => log.Dispose(), TaskScheduler.Default);

        var deadline = DateTime.UtcNow + StartTimeout;
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            if (process.HasExited) throw new BenchException($"the node exited ({process.ExitCode}) while starting: see {LogPath}");
            if (DateTime.UtcNow > deadline) throw new BenchException($"the node did not answer /health/live within {StartTimeout.TotalSeconds:0} s: see {LogPath}");
            try
            {
                using var answer = await http.GetAsync(new Uri(Url, "/health/live"), ct);
                if (answer.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested) { }
            await Task.Delay(100, ct); // a bounded poll of the node's own answer
        }
    }

    /// <summary>SIGKILL: the node vanishes without a word.</summary>
    public async Task KillAsync()
    {
        if (!IsRunning) return;
        _process!.Kill();
        await _process.WaitForExitAsync();
        await _pump;
    }

    /// <summary>Stack traces in the node's log so far: a line "   at ..." that follows a line that is not one.</summary>
    public int StackTraces()
    {
        if (!File.Exists(LogPath)) return 0;
        int traces = 0;
        bool inTrace = false;
        foreach (var line in File.ReadLines(LogPath))
        {
            bool frame = StackFrame().IsMatch(line);
            if (frame && !inTrace) traces++;
            inTrace = frame;
        }
        return traces;
    }

    [GeneratedRegex(@"^\s+at \S")]
    private static partial Regex StackFrame();

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process?.Dispose();
    }

    private static async Task Copy(StreamReader from, StreamWriter to)
    {
        while (await from.ReadLineAsync() is { } line)
            lock (to) to.WriteLine(line);
    }
}

using System.Diagnostics;
using System.Globalization;

namespace SolarHub.Bench.Cluster;

/// <summary>
/// One node of a cluster on loopback: a <c>solarhub run --cluster</c> process of its own, its output in a log file.
/// It can be killed (SIGKILL, a power cut), asked to leave (SIGTERM: a graceful leave) and started again. Its API's
/// state-changing endpoints take <paramref name="apiToken"/>. It may also end by itself (the cluster removed it, or it
/// gave up joining): <see cref="ExitedByItself"/>, for the site to start it again as a service manager would.
/// </summary>
public sealed class ClusterNodeProcess(string name, int httpPort, int remotingPort, IReadOnlyList<int> seedPorts, string database, string directory,
    IReadOnlyList<string> extraArgs, string apiToken) : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private Process? _process;
    private Task _pump = Task.CompletedTask;
    private bool _stoppedByBench;

    public string Name => name;
    public Uri Url { get; } = new($"http://127.0.0.1:{httpPort.ToString(CultureInfo.InvariantCulture)}");
    public string LogPath => Path.Combine(directory, $"{name}.log");
    public bool IsRunning => _process is { HasExited: false };

    /// <summary>The process ended without the bench killing it or asking it to leave.</summary>
    public bool ExitedByItself => _process is { HasExited: true } && !_stoppedByBench;

    /// <summary>The exit code of the process that ended; null while it runs or before it ever ran.</summary>
    public int? ExitCode => _process is { HasExited: true } ended ? ended.ExitCode : null;

    /// <summary>When the running process first answered <c>/health/live</c>.</summary>
    public DateTimeOffset UpAt { get; private set; }

    public async Task StartAsync(HttpClient http, CancellationToken ct)
    {
        if (IsRunning) return;
        string Port(int p) => $"127.0.0.1:{p.ToString(CultureInfo.InvariantCulture)}";
        var info = SolarHubProcess.StartInfo(["run", "--cluster", "--node", name, "--remoting", Port(remotingPort),
            "--seeds", string.Join(',', seedPorts.Select(Port)), "--urls", Url.ToString().TrimEnd('/'), "--database", database, "--verbose", .. extraArgs]);
        info.Environment["SOLARHUB_API_TOKEN"] = apiToken;
        await _pump;
        _process?.Dispose();
        var process = _process = Process.Start(info) ?? throw new BenchException($"cannot start node {name}");
        _stoppedByBench = false;
        process.StandardInput.Close();
        var log = new StreamWriter(LogPath, append: true) { AutoFlush = true };
        await log.WriteLineAsync($"==== {DateTimeOffset.Now:O} started {name} (pid {process.Id})");
        _pump = Task.WhenAll(Copy(process.StandardOutput, log), Copy(process.StandardError, log)).ContinueWith(_ => log.Dispose(), TaskScheduler.Default);

        var deadline = DateTime.UtcNow + StartTimeout;
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            if (process.HasExited) throw new BenchException($"node {name} exited ({process.ExitCode}) while starting: see {LogPath}");
            if (DateTime.UtcNow > deadline) throw new BenchException($"node {name} did not answer /health/live within {StartTimeout.TotalSeconds:0} s: see {LogPath}");
            try
            {
                using var answer = await http.GetAsync(new Uri(Url, "/health/live"), ct);
                if (answer.IsSuccessStatusCode)
                {
                    UpAt = DateTimeOffset.Now;
                    return;
                }
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested) { }
            await Task.Delay(200, ct);
        }
    }

    /// <summary>SIGKILL: the node vanishes without a word, as in a power cut.</summary>
    public async Task KillAsync()
    {
        if (!IsRunning) return;
        _stoppedByBench = true;
        _process!.Kill();
        await _process.WaitForExitAsync();
        await _pump;
    }

    /// <summary>SIGTERM: the node leaves the cluster gracefully (its banks hand over), then exits.</summary>
    public async Task LeaveAsync(TimeSpan patience)
    {
        if (!IsRunning) return;
        _stoppedByBench = true;
        await SignalAsync("TERM");
        try { await _process!.WaitForExitAsync().WaitAsync(patience); }
        catch (TimeoutException) { await KillAsync(); }
        await _pump;
    }

    /// <summary>SIGSTOP: the node stands still, its sockets open, as a node behind a network partition or a hung machine.</summary>
    public Task FreezeAsync() => SignalAsync("STOP");

    /// <summary>SIGCONT: a frozen node runs on and finds out what the cluster decided meanwhile.</summary>
    public Task ThawAsync() => SignalAsync("CONT");

    /// <summary>Waits until the process ends by itself; its exit code, or null if it still runs after <paramref name="patience"/>.</summary>
    public async Task<int?> WaitForExitAsync(TimeSpan patience)
    {
        if (_process is null) return null;
        try { await _process.WaitForExitAsync().WaitAsync(patience); }
        catch (TimeoutException) { return null; }
        await _pump;
        return _process.ExitCode;
    }

    private async Task SignalAsync(string signal)
    {
        if (!IsRunning) return;
        using var kill = Process.Start(new ProcessStartInfo("kill", [$"-{signal}", _process!.Id.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false });
        await kill!.WaitForExitAsync();
    }

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

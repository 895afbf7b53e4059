using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace SolarHub.Bench.Faults;

/// <summary>A <c>solarhub run</c> of its own on a fresh SQLite file (the demo bank), its output in a log file.</summary>
internal sealed class NodeUnderTest : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _folder;
    private readonly Task _pump;

    private NodeUnderTest(Process process, string folder, Uri url, Task pump, string token) =>
        (_process, _folder, Url, _pump, ApiToken) = (process, folder, url, pump, token);

    public Uri Url { get; }

    /// <summary>The token of the node's state-changing endpoints.</summary>
    public string ApiToken { get; }

    /// <summary>The node's peak resident memory so far (VmHWM), in bytes; 0 once it has gone.</summary>
    public long PeakResidentBytes() => Footprint.ProcessFigures.PeakResidentBytes(_process.Id);

    /// <summary>The node's resident memory (bytes), threads and open file descriptors now; zeros once it has gone.</summary>
    public (long Rss, int Threads, int Fds) Resources()
    {
        int fds;
        try { fds = Directory.GetFiles($"/proc/{_process.Id}/fd").Length; }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { fds = 0; }
        return (Footprint.ProcessFigures.ResidentBytes(_process.Id), Footprint.ProcessFigures.Threads(_process.Id), fds);
    }

    public string LogPath => Path.Combine(_folder, "node.log");

    /// <param name="database">The SQLite file to run on (default: a new one, so the node runs its demo bank).</param>
    /// <param name="readyPath">The API path that answers once the node is ready.</param>
    /// <param name="arguments">More arguments of <c>run</c> (e.g. <c>--hocon</c>).</param>
    public static async Task<NodeUnderTest> StartAsync(CancellationToken ct, string? database = null, string readyPath = "/api/banks/demo-bank",
        IReadOnlyList<string>? arguments = null)
    {
        var folder = Directory.CreateTempSubdirectory("solarhub-faults-").FullName;
        int port = LoopbackPort.Free();
        var url = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");
        var info = SolarHubProcess.StartInfo(["run", "--database", database ?? Path.Combine(folder, "solarhub.db"), "--urls", url.ToString().TrimEnd('/'), .. arguments ?? []]);
        var token = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        info.Environment["SOLARHUB_API_TOKEN"] = token;
        var process = Process.Start(info) ?? throw new BenchException("cannot start a node");
        process.StandardInput.Close();
        var log = new StreamWriter(Path.Combine(folder, "node.log")) { AutoFlush = true };
        var pump = Task.WhenAll(Copy(process.StandardOutput, log), Copy(process.StandardError, log)).ContinueWith(_ => log.Dispose(), TaskScheduler.Default);
        var node = new NodeUnderTest(process, folder, url, pump, token);
        var deadline = Stopwatch.StartNew();
        while (!await node.AnswersAsync(readyPath, ct))
        {
            if (process.HasExited || deadline.Elapsed > TimeSpan.FromSeconds(60))
            {
                await node.DisposeAsync();
                throw new BenchException($"the node did not answer {readyPath} within 60 s (log {node.LogPath})");
            }
            await Task.Delay(200, ct);
        }
        return node;
    }

    public async Task<bool> AnswersAsync(string path, CancellationToken ct)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            using var answer = await http.GetAsync(new Uri(Url, path), ct);
            return answer.IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            ct.ThrowIfCancellationRequested();
            return false;
        }
    }

    /// <summary>Lines of the node's log that belong to a stack trace.</summary>
    public int StackTraces()
    {
        try
        {
            using var reader = new StreamReader(new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
            int traces = 0;
            while (reader.ReadLine() is { } line)
                if (line.StartsWith("   at ", StringComparison.Ordinal)) traces++;
            return traces;
        }
        catch (IOException) { return 0; }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        await _pump;
        _process.Dispose();
    }

    private static async Task Copy(StreamReader from, StreamWriter to)
    {
        while (await from.ReadLineAsync() is { } line)
            lock (to) to.WriteLine(line);
    }
}

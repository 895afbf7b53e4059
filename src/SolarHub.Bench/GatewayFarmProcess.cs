using System.Diagnostics;
using System.Globalization;

namespace SolarHub.Bench;

/// <summary>
/// A <see cref="GatewayFarm"/> in a child process (<c>solarhub bench gateways --count N</c>), so its CPU is measured
/// apart from the hub's. Protocol: the child prints <c>port P</c> per gateway, then <c>ready</c>; it stops when its
/// stdin closes (the parent ended or disposed it) or on Ctrl+C.
/// </summary>
public sealed class GatewayFarmProcess : IAsyncDisposable
{
    public const string ReadyLine = "ready";
    private const string PortPrefix = "port ";
    private readonly Process _process;
    private readonly Task<string> _stderr;

    private GatewayFarmProcess(Process process, Task<string> stderr, IReadOnlyList<int> ports)
    {
        _process = process;
        _stderr = stderr;
        Ports = ports;
    }

    public IReadOnlyList<int> Ports { get; }

    public int ProcessId => _process.Id;

    /// <summary>CPU time the child used so far (every thread).</summary>
    public TimeSpan TotalProcessorTime
    {
        get
        {
            _process.Refresh();
            return _process.HasExited ? TimeSpan.Zero : _process.TotalProcessorTime;
        }
    }

    public bool HasExited => _process.HasExited;

    public static async Task<GatewayFarmProcess> StartAsync(int count, int packs, TimeSpan timeout, CancellationToken ct)
    {
        var info = SolarHubProcess.StartInfo(["bench", "gateways", "--count", count.ToString(CultureInfo.InvariantCulture), "--packs", packs.ToString(CultureInfo.InvariantCulture)]);

        var process = Process.Start(info) ?? throw new BenchException($"cannot start {info.FileName}");
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        var ports = new List<int>(count);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        try
        {
            while (await process.StandardOutput.ReadLineAsync(deadline.Token) is { } line)
            {
                if (line == ReadyLine)
                {
                    // Keep draining stdout so the child never blocks on a full pipe.
                    _ = process.StandardOutput.BaseStream.CopyToAsync(Stream.Null, CancellationToken.None);
                    return new GatewayFarmProcess(process, stderr, ports);
                }
                if (line.StartsWith(PortPrefix, StringComparison.Ordinal)
                    && int.TryParse(line.AsSpan(PortPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out int port))
                    ports.Add(port);
            }
            await process.WaitForExitAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5), CancellationToken.None);
            var error = (await stderr).Trim();
            throw new BenchException($"the simulator process exited ({process.ExitCode}) before its gateways were ready" +
                (error.Length > 0 ? ": " + error.Split('\n')[^1].Trim() : ""));
        }
        catch (Exception e) when (e is OperationCanceledException or TimeoutException or BenchException)
        {
            Stop(process);
            if (e is OperationCanceledException && !ct.IsCancellationRequested)
                throw new BenchException($"the simulator process did not start {count} gateways within {timeout.TotalSeconds:0} s ({ports.Count} ready)");
            throw;
        }
    }

    /// <summary>The child's side: starts the gateways, prints their ports, and runs until stdin closes or <paramref name="ct"/> fires.</summary>
    public static async Task<int> ServeAsync(int count, int packs, TextWriter output, CancellationToken ct)
    {
        await using var farm = await GatewayFarm.StartAsync(count, packs);
        foreach (int port in farm.Ports) output.WriteLine(PortPrefix + port.ToString(CultureInfo.InvariantCulture));
        output.WriteLine(ReadyLine);
        output.Flush();
        // A blocking read on a pool thread: it ends at EOF; on Ctrl+C it is abandoned as the process ends.
        try { await Task.Run(() => Console.In.ReadToEnd(), CancellationToken.None).WaitAsync(ct); }
        catch (OperationCanceledException) { }
        return 0;
    }

    public async ValueTask DisposeAsync()
    {
        try { _process.StandardInput.Close(); } catch (IOException) { }
        try { await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(15)); }
        catch (TimeoutException) { Stop(_process); }
        await _stderr.WaitAsync(TimeSpan.FromSeconds(5)).ContinueWith(_ => { }, TaskScheduler.Default);
        _process.Dispose();
    }

    private static void Stop(Process process)
    {
        try { if (!process.HasExited) process.Kill(entireProcessTree: true); }
        catch (InvalidOperationException) { }
    }
}

using System.Diagnostics;

namespace SolarHub.Cli.Tests;

/// <summary>
/// Runs the real solarhub executable, hands its stdout over line by line (never held whole) and reports its peak
/// resident memory, sampled from /proc (VmHWM only grows, so any sample after the peak shows it).
/// </summary>
public static class CliMemoryProbe
{
    public sealed record Outcome(int ExitCode, string StdErr, long PeakResidentBytes);

    private static readonly TimeSpan SampleInterval = TimeSpan.FromMilliseconds(10);

    /// <param name="environment">Variables set for the child (e.g. a GC heap limit).</param>
    public static async Task<Outcome> RunAsync(IEnumerable<string> args, Action<string> onLine, TimeSpan? timeout = null,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = CliProcess.StartInfo(args);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) info.Environment[name] = value;
        using var process = Process.Start(info)!;
        process.StandardInput.Close();
        var stderr = process.StandardError.ReadToEndAsync();
        // Read on a thread of its own, synchronously: line by line, that keeps up with the child.
        var stdout = Task.Factory.StartNew(() =>
        {
            while (process.StandardOutput.ReadLine() is { } line) onLine(line);
        }, TaskCreationOptions.LongRunning);

        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(120));
        long peak = 0;
        using var timer = new PeriodicTimer(SampleInterval);
        try
        {
            while (!process.HasExited)
            {
                peak = Math.Max(peak, ReadPeakResident(process.Id));
                await timer.WaitForNextTickAsync(cts.Token);
            }
            await process.WaitForExitAsync(cts.Token);
            await stdout.WaitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"solarhub {string.Join(' ', args)} did not exit");
        }
        if (peak == 0) throw new InvalidOperationException("no memory sample was taken: /proc/<pid>/status was never readable");
        return new Outcome(process.ExitCode, await stderr, peak);
    }

    /// <summary>VmHWM of the process in bytes, or 0 once it has gone (an exited process has no memory lines).</summary>
    private static long ReadPeakResident(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (!line.StartsWith("VmHWM:", StringComparison.Ordinal)) continue;
                return long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) * 1024;
            }
        }
        catch (IOException) { }
        return 0;
    }
}

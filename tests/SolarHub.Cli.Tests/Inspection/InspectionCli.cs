using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace SolarHub.Cli.Tests.Inspection;

/// <summary>Runs the real solarhub executable for the inspection verbs, with control over its environment (SOLARHUB_URL).</summary>
public static class InspectionCli
{
    public static async Task<CliProcess.Outcome> RunAsync(IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null, TimeSpan? timeout = null)
    {
        var info = CliProcess.StartInfo(args);
        info.Environment.Remove("SOLARHUB_URL"); // the machine's own setting must not steer a test
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) info.Environment[name] = value;
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardInput.Close();
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        try { await process.WaitForExitAsync(cts.Token); }
        catch (OperationCanceledException) { process.Kill(entireProcessTree: true); throw new TimeoutException($"solarhub {string.Join(' ', args)} did not exit"); }
        return new CliProcess.Outcome(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>A loopback port nothing listens on (taken and released at once).</summary>
    public static int FreePort() => LoopbackPorts.Free();

    /// <summary>Output lines without blanks, for assertions on rows.</summary>
    public static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

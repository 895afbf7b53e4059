using System.Diagnostics;

namespace SolarHub.Bench.Faults;

/// <summary>The system's own tools (mount, losetup, mkfs, fsck) for the rows that make a filesystem fail; they need root.</summary>
internal static class SystemTool
{
    /// <summary>Runs the tool and returns its standard output; a failure is a <see cref="BenchException"/> naming it, unless <paramref name="mustSucceed"/> is false.</summary>
    public static async Task<string> RunAsync(string tool, IReadOnlyList<string> args, CancellationToken ct, bool mustSucceed = true)
    {
        var info = new ProcessStartInfo(tool) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        Process process;
        try { process = Process.Start(info) ?? throw new BenchException($"cannot run {tool}"); }
        catch (System.ComponentModel.Win32Exception e) { throw new BenchException($"cannot run {tool}: {e.Message}"); }
        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync(ct);
            string error = await process.StandardError.ReadToEndAsync(ct);
            await process.WaitForExitAsync(ct);
            if (process.ExitCode != 0 && mustSucceed)
                throw new BenchException($"{tool} {string.Join(' ', args)} failed ({error.Trim()}): the database rows need root, to mount a filesystem of their own");
            return await output;
        }
    }
}

using System.Diagnostics;

namespace SolarHub.Cli.Tests;

/// <summary>Runs the real solarhub executable (built beside the tests) as a child process.</summary>
public static class CliProcess
{
    public sealed record Outcome(int ExitCode, string StdOut, string StdErr);

    /// <summary>The built <c>solarhub</c> with <paramref name="args"/>, every stream redirected.</summary>
    public static ProcessStartInfo StartInfo(IEnumerable<string> args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "solarhub.dll"));
        foreach (var a in args) info.ArgumentList.Add(a);
        return info;
    }

    public static async Task<Outcome> RunAsync(IEnumerable<string> args, byte[]? stdin = null, TimeSpan? timeout = null)
    {
        using var process = Process.Start(StartInfo(args))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null) await process.StandardInput.BaseStream.WriteAsync(stdin);
        process.StandardInput.Close();
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        try { await process.WaitForExitAsync(cts.Token); }
        catch (OperationCanceledException) { process.Kill(entireProcessTree: true); throw new TimeoutException($"solarhub {string.Join(' ', args)} did not exit"); }
        return new Outcome(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>
    /// Runs any program (a script, an installed copy of solarhub, a system tool) with extra environment variables;
    /// its standard input is closed at once, as under systemd.
    /// </summary>
    public static async Task<Outcome> RunProgramAsync(string fileName, IEnumerable<string> args,
        IReadOnlyDictionary<string, string>? environment = null, TimeSpan? timeout = null)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var a in args) info.ArgumentList.Add(a);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) info.Environment[name] = value;
        using var process = Process.Start(info)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        try { await process.WaitForExitAsync(cts.Token); }
        catch (OperationCanceledException) { process.Kill(entireProcessTree: true); throw new TimeoutException($"{fileName} {string.Join(' ', info.ArgumentList)} did not exit"); }
        return new Outcome(process.ExitCode, await stdout, await stderr);
    }
}

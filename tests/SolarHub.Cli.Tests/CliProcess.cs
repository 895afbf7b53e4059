using System.Diagnostics;

namespace SolarHub.Cli.Tests;

/// <summary>Runs the real solarhub executable (built beside the tests) as a child process.</summary>
public static class CliProcess
{
    public sealed record Outcome(int ExitCode, string StdOut, string StdErr);

    /// <summary>
    /// The executable under test: <c>SOLARHUB_TEST_BINARY</c> when set (a published single file, which CI runs the process
    /// tests against), else the solarhub.dll built beside the tests, run by dotnet.
    /// </summary>
    public static string? PublishedBinary { get; } = Environment.GetEnvironmentVariable("SOLARHUB_TEST_BINARY") is { Length: > 0 } binary
        ? Path.GetFullPath(binary)
        : null;

    /// <summary>The program and its first arguments that run solarhub: <c>dotnet solarhub.dll</c> or the published file.</summary>
    public static (string FileName, string[] Prefix) Command =>
        PublishedBinary is { } binary ? (binary, []) : ("dotnet", [Path.Combine(AppContext.BaseDirectory, "solarhub.dll")]);

    /// <summary>The same as one line for a shell or for <c>cluster-local.sh --solarhub</c> (split on spaces).</summary>
    public static string CommandLine => string.Join(' ', [Command.FileName, .. Command.Prefix]);

    /// <summary>The same quoted for <c>sh</c>, as a script that stands in for an installed solarhub writes it.</summary>
    public static string ShellCommand => string.Join(' ', new[] { Command.FileName }.Concat(Command.Prefix).Select(a => $"'{a}'"));

    /// <summary>The solarhub under test with <paramref name="args"/>, every stream redirected.</summary>
    public static ProcessStartInfo StartInfo(IEnumerable<string> args)
    {
        var (fileName, prefix) = Command;
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var a in prefix.Concat(args)) info.ArgumentList.Add(a);
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

using System.Collections.Concurrent;
using System.Diagnostics;

namespace SolarHub.Cli.Tests;

/// <summary>A <c>solarhub</c> process whose output lines (stdout and stderr) are kept for the test to read.</summary>
internal sealed class RunningNode : IDisposable
{
    private RunningNode(Process process) => Process = process;

    public Process Process { get; }
    public ConcurrentQueue<string> Lines { get; } = new();

    public static RunningNode Start(IEnumerable<string> args)
    {
        var node = new RunningNode(Process.Start(CliProcess.StartInfo(args))!);
        node.Process.OutputDataReceived += (_, e) => { if (e.Data is { } line) node.Lines.Enqueue(line); };
        node.Process.ErrorDataReceived += (_, e) => { if (e.Data is { } line) node.Lines.Enqueue(line); };
        node.Process.BeginOutputReadLine();
        node.Process.BeginErrorReadLine();
        return node;
    }

    public void Dispose()
    {
        if (!Process.HasExited) Process.Kill(entireProcessTree: true);
        Process.WaitForExit(10_000);
        Process.Dispose();
    }
}

using System.Diagnostics;

namespace SolarHub.Simulator.Tests.Support;

/// <summary>
/// Two connected pseudo-terminals made by socat (<c>pty,raw,echo=0,link=…</c>): bytes written to <see cref="A"/>
/// come out of <see cref="B"/> and back. Stands in for an RS485 adapter pair. Kills its socat on dispose.
/// </summary>
public sealed class PtyPair : IAsyncDisposable
{
    public const string Socat = "/usr/bin/socat";

    private readonly Process _socat;
    private readonly string _directory;

    private PtyPair(Process socat, string directory)
    {
        _socat = socat;
        _directory = directory;
    }

    public string A => Path.Combine(_directory, "a");
    public string B => Path.Combine(_directory, "b");

    public static async Task<PtyPair> StartAsync()
    {
        var directory = Directory.CreateTempSubdirectory("solarhub-pty-").FullName;
        var start = new ProcessStartInfo(File.Exists(Socat) ? Socat : "socat")
        {
            UseShellExecute = false,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        foreach (var arg in new[] { "-d", "-d", $"pty,raw,echo=0,link={directory}/a", $"pty,raw,echo=0,link={directory}/b" })
            start.ArgumentList.Add(arg);
        var socat = Process.Start(start) ?? throw new InvalidOperationException("socat did not start");
        socat.ErrorDataReceived += (_, _) => { }; // drain its log so it never blocks on a full pipe
        socat.BeginErrorReadLine();
        socat.BeginOutputReadLine();
        var pair = new PtyPair(socat, directory);
        try
        {
            await Wait.UntilAsync(() => File.Exists(pair.A) && File.Exists(pair.B) || socat.HasExited, "socat's pty links");
            if (socat.HasExited) throw new InvalidOperationException($"socat exited with {socat.ExitCode}");
        }
        catch
        {
            await pair.DisposeAsync();
            throw;
        }
        return pair;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_socat.HasExited)
        {
            _socat.Kill();
            using var timeout = new CancellationTokenSource(Wait.Default);
            await _socat.WaitForExitAsync(timeout.Token);
        }
        _socat.Dispose();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }
}

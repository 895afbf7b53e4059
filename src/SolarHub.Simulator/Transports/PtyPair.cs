using System.Diagnostics;

namespace SolarHub.Simulator.Transports;

/// <summary>
/// Two connected pseudo-terminals made by socat (<c>pty,raw,echo=0,link=…</c>): what is written to <see cref="A"/>
/// comes out of <see cref="B"/>, and back. Stands in for an RS485 adapter. <see cref="KillAsync"/> makes both ptys
/// vanish, like a USB adapter pulled out; socat is killed on dispose.
/// </summary>
public sealed class PtyPair : IAsyncDisposable
{
    public const string Socat = "/usr/bin/socat";

    // socat makes its links in milliseconds; this bounds a machine under heavy load.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    private readonly string _directory;
    private Process? _socat;

    private PtyPair(string directory) => _directory = directory;

    public string A => Path.Combine(_directory, "a");
    public string B => Path.Combine(_directory, "b");

    public static async Task<PtyPair> StartAsync()
    {
        var directory = Directory.CreateTempSubdirectory("solarhub-pty-").FullName;
        var pair = new PtyPair(directory);
        try
        {
            await pair.RunSocatAsync();
        }
        catch
        {
            await pair.DisposeAsync();
            throw;
        }
        return pair;
    }

    /// <summary>A new pty pair behind the same links, like an adapter plugged in again.</summary>
    public async Task RestartAsync()
    {
        await KillAsync();
        _socat?.Dispose();
        File.Delete(A);
        File.Delete(B);
        await RunSocatAsync();
    }

    private async Task RunSocatAsync()
    {
        var start = new ProcessStartInfo(File.Exists(Socat) ? Socat : "socat")
        {
            UseShellExecute = false,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        foreach (var arg in new[] { "-d", "-d", $"pty,raw,echo=0,link={A}", $"pty,raw,echo=0,link={B}" })
            start.ArgumentList.Add(arg);
        var socat = _socat = Process.Start(start) ?? throw new InvalidOperationException("socat did not start");
        socat.ErrorDataReceived += (_, _) => { }; // drain its log so it never blocks on a full pipe
        socat.OutputDataReceived += (_, _) => { };
        socat.BeginErrorReadLine();
        socat.BeginOutputReadLine();
        var deadline = DateTime.UtcNow + Patience;
        while (!(File.Exists(A) && File.Exists(B)) && !socat.HasExited)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("socat made no pty links");
            await Task.Delay(10);
        }
        if (socat.HasExited) throw new InvalidOperationException($"socat exited with {socat.ExitCode}");
    }

    /// <summary>Kills socat and waits until it is gone: both ptys close.</summary>
    public async Task KillAsync()
    {
        if (_socat is null || _socat.HasExited) return;
        _socat.Kill();
        using var timeout = new CancellationTokenSource(Patience);
        await _socat.WaitForExitAsync(timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _socat?.Dispose();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }
}

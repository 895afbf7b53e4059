using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace SolarHub.TestSupport;

/// <summary>
/// A real mosquitto broker of the test's own, on a free 127.0.0.1 port, with a temporary config (and a password file
/// when <paramref name="user"/> is given). Stop and Start keep the port, so a client sees "the broker went away and
/// came back". Missing mosquitto is a failure, never a skip: a skipped broker test proves nothing.
/// </summary>
public sealed class MosquittoBroker : IDisposable
{
    public const string Binary = "/usr/sbin/mosquitto";
    private const string PasswordTool = "/usr/bin/mosquitto_passwd";

    private readonly string _directory = Directory.CreateTempSubdirectory("solarhub-mosquitto-").FullName;
    private readonly string _configPath;
    private Process? _process;

    public MosquittoBroker((string Name, string Password)? user = null)
    {
        if (!File.Exists(Binary))
            throw new InvalidOperationException($"{Binary} is missing: the MQTT tests need a real broker (apt-get install mosquitto)");
        Port = FreePort();
        _configPath = Path.Combine(_directory, "mosquitto.conf");
        var lines = new List<string>
        {
            $"listener {Port} 127.0.0.1",
            "persistence false",
            // Running as root, mosquitto would switch to a 'mosquitto' user that cannot read the temp files.
            "user root",
        };
        if (user is { } u)
        {
            var passwords = Path.Combine(_directory, "passwords");
            Run(PasswordTool, "-b", "-c", passwords, u.Name, u.Password);
            lines.Add("allow_anonymous false");
            lines.Add($"password_file {passwords}");
        }
        else lines.Add("allow_anonymous true");
        File.WriteAllLines(_configPath, lines);
        Start();
    }

    public int Port { get; }

    public string Log { get; private set; } = "";

    public void Start()
    {
        var info = new ProcessStartInfo(Binary, ["-c", _configPath]) { RedirectStandardError = true, RedirectStandardOutput = true };
        var process = Process.Start(info) ?? throw new InvalidOperationException("mosquitto did not start");
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Log += e.Data + "\n"; };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) Log += e.Data + "\n"; };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        _process = process;

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (true)
        {
            if (process.HasExited) throw new InvalidOperationException($"mosquitto exited with {process.ExitCode}:\n{Log}");
            try
            {
                using var probe = new TcpClient();
                probe.Connect(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(50);
            }
        }
    }

    /// <summary>Kills the broker: clients see their connection drop, retained messages are gone (no persistence).</summary>
    public void Stop()
    {
        if (_process is not { } process) return;
        _process = null;
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(10_000);
        }
        process.Dispose();
    }

    public void Dispose()
    {
        Stop();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static void Run(string file, params string[] args)
    {
        if (!File.Exists(file)) throw new InvalidOperationException($"{file} is missing (apt-get install mosquitto)");
        using var process = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        process.WaitForExit(10_000);
        if (process.ExitCode != 0) throw new InvalidOperationException($"{file} failed: {process.StandardError.ReadToEnd()}");
    }
}

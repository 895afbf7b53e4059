using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace SolarHub.Bench;

/// <summary>A mosquitto of the bench's own on a free loopback port, so no broker has to be set up to measure.</summary>
internal sealed class LocalBroker : IDisposable
{
    private const string Mosquitto = "/usr/sbin/mosquitto";

    private readonly Process _process;
    private readonly string _folder;

    private LocalBroker(Process process, string folder, int port) => (_process, _folder, Port) = (process, folder, port);

    public int Port { get; }

    /// <param name="requested">The port to listen on (a broker restarted where it was); default a free one.</param>
    public static LocalBroker Start(int? requested = null)
    {
        if (!File.Exists(Mosquitto)) throw new BenchException($"no broker: give --broker host:port, or install mosquitto (apt-get install mosquitto)");
        int port = requested ?? LoopbackPort.Free();
        var folder = Directory.CreateTempSubdirectory("solarhub-bench-mosquitto-").FullName;
        var config = Path.Combine(folder, "mosquitto.conf");
        File.WriteAllLines(config, [$"listener {port} 127.0.0.1", "allow_anonymous true", "persistence false", "user root"]);
        var process = Process.Start(new ProcessStartInfo(Mosquitto, ["-c", config]) { RedirectStandardError = true, RedirectStandardOutput = true })
            ?? throw new BenchException("mosquitto did not start");
        process.StandardError.BaseStream.CopyToAsync(Stream.Null);
        process.StandardOutput.BaseStream.CopyToAsync(Stream.Null);
        var broker = new LocalBroker(process, folder, port);
        for (var waited = Stopwatch.StartNew(); ; Thread.Sleep(50))
        {
            try
            {
                using var probe = new TcpClient();
                probe.Connect(IPAddress.Loopback, port);
                return broker;
            }
            catch (SocketException) when (waited.Elapsed < TimeSpan.FromSeconds(10) && !process.HasExited) { }
            catch (SocketException)
            {
                broker.Dispose();
                throw new BenchException($"mosquitto did not listen on 127.0.0.1:{port}");
            }
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit(5000);
        _process.Dispose();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}

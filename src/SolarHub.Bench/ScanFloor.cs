using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using SolarHub.Protocol.Jk.Bus;

namespace SolarHub.Bench;

/// <summary>
/// The floor of <c>bench scale</c>: the same gateway farm read by a bare loop in this process, one socket per bank with
/// asynchronous receives into the frame scanner and nothing else (no decoding, no actors, no telemetry). The hub cannot
/// cost less than the socket reads it must do, so its CPU over this floor's is the price of everything else.
/// </summary>
public static class ScanFloor
{
    public static async Task<(double CpuPercent, double FramesPerSecond)> MeasureAsync(IReadOnlyList<int> ports, int connections, TimeSpan warmUp,
        TimeSpan duration, CancellationToken ct)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var counter = new StrongBox<long>();
        var sockets = new List<Socket>(connections);
        var loops = new List<Task>(connections);
        try
        {
            for (int i = 0; i < connections; i++)
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                sockets.Add(socket);
                await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, ports[i % ports.Count]), ct);
                loops.Add(ReadAsync(socket, counter, stop.Token));
            }
            await Task.Delay(warmUp, ct);
            var self = Process.GetCurrentProcess();
            var cpuStart = self.TotalProcessorTime;
            long framesStart = Interlocked.Read(ref counter.Value);
            var wall = Stopwatch.StartNew();
            await Task.Delay(duration, ct);
            self.Refresh();
            var cpu = self.TotalProcessorTime - cpuStart;
            double frames = Interlocked.Read(ref counter.Value) - framesStart;
            return (100.0 * cpu.TotalSeconds / wall.Elapsed.TotalSeconds, frames / wall.Elapsed.TotalSeconds);
        }
        finally
        {
            await stop.CancelAsync();
            foreach (var socket in sockets) socket.Dispose();
            try { await Task.WhenAll(loops); }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException) { }
        }
    }

    private static async Task ReadAsync(Socket socket, StrongBox<long> frames, CancellationToken ct)
    {
        var scanner = new FrameScanner();
        var buffer = new byte[FrameScanner.DefaultCapacity];
        while (true)
        {
            int read = await socket.ReceiveAsync(buffer, SocketFlags.None, ct);
            if (read == 0) return;
            long found = Scan(scanner, buffer.AsSpan(0, read));
            if (found > 0) Interlocked.Add(ref frames.Value, found);
        }
    }

    private static long Scan(FrameScanner scanner, ReadOnlySpan<byte> data)
    {
        long found = 0;
        while (!data.IsEmpty)
        {
            data = data[scanner.Append(data)..];
            while (scanner.TryRead(out var e))
                if (e.Kind == BusEventKind.DataFrame && e.ChecksumValid) found++;
        }
        return found;
    }
}

using System.Net;
using System.Net.Sockets;

namespace SolarHub.Bench.Faults;

/// <summary>
/// A TCP relay on 127.0.0.1 between the hub and a simulated gateway, for the faults the simulator cannot make on its
/// own socket: <see cref="ProxyMode.Frozen"/> is a peer that vanished without FIN or RST (nothing passes either way,
/// every socket stays open, new connections are accepted and get nothing); <see cref="ProxyMode.Garbage"/> is a line
/// carrying only noise (the gateway's bytes are dropped, random bytes go to the hub instead).
/// </summary>
public sealed class FaultProxy : IAsyncDisposable
{
    // Noise at about the rate of a 115200-baud line: 256 bytes every 20 ms.
    private const int GarbageChunk = 256;
    private static readonly TimeSpan GarbagePace = TimeSpan.FromMilliseconds(20);

    private readonly IPEndPoint _target;
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _work = [];
    private volatile ProxyMode _mode = ProxyMode.Relay;

    public FaultProxy(IPEndPoint target)
    {
        _target = target;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        lock (_work) _work.Add(AcceptAsync(_stop.Token));
    }

    public IPEndPoint LocalEndPoint => (IPEndPoint)_listener.LocalEndpoint;

    public ProxyMode Mode
    {
        get => _mode;
        set => _mode = value;
    }

    private async Task AcceptAsync(CancellationToken ct)
    {
        try
        {
            while (!ct.IsCancellationRequested)
            {
                var hub = await _listener.AcceptSocketAsync(ct);
                lock (_work) _work.Add(ServeAsync(hub, ct));
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException) { }
    }

    private async Task ServeAsync(Socket hub, CancellationToken ct)
    {
        using var gateway = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        using var done = CancellationTokenSource.CreateLinkedTokenSource(ct);
        using var writeToHub = new SemaphoreSlim(1, 1);
        try
        {
            using (hub)
            {
                await gateway.ConnectAsync(_target, ct);
                var pumps = new[]
                {
                    PumpAsync(gateway, hub, writeToHub, done.Token),
                    PumpAsync(hub, gateway, null, done.Token),
                    GarbageAsync(hub, writeToHub, done.Token),
                };
                await Task.WhenAny(pumps);
                await done.CancelAsync();
                await Task.WhenAll(pumps.Select(p => p.ContinueWith(_ => { }, TaskScheduler.Default)));
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException) { }
    }

    // Reads all the time, so a frozen line drops what is sent into it rather than holding it for later.
    private async Task PumpAsync(Socket from, Socket to, SemaphoreSlim? writeGate, CancellationToken ct)
    {
        var buffer = new byte[4096];
        try
        {
            while (true)
            {
                int read = await from.ReceiveAsync(buffer, SocketFlags.None, ct);
                if (read == 0) return;
                if (_mode != ProxyMode.Relay) continue;
                if (writeGate is not null) await writeGate.WaitAsync(ct);
                try { await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None, ct); }
                finally { writeGate?.Release(); }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException) { }
    }

    private async Task GarbageAsync(Socket hub, SemaphoreSlim writeGate, CancellationToken ct)
    {
        var noise = new byte[GarbageChunk];
        try
        {
            while (true)
            {
                await Task.Delay(GarbagePace, ct); // the pace of the noise, not a wait for something
                if (_mode != ProxyMode.Garbage) continue;
                Random.Shared.NextBytes(noise);
                await writeGate.WaitAsync(ct);
                try { await hub.SendAsync(noise, SocketFlags.None, ct); }
                finally { writeGate.Release(); }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException) { }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        Task[] work;
        lock (_work) work = [.. _work];
        await Task.WhenAll(work.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default)));
        _stop.Dispose();
    }
}

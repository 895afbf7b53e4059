using System.Net;
using System.Net.Sockets;

namespace SolarHub.TestSupport;

/// <summary>
/// A server that is not there until <see cref="Start"/>: connections to <see cref="Port"/> are refused, then relayed
/// to <paramref name="target"/> on loopback, as when a database comes up after the hub at boot. <see cref="Cut"/> and
/// <see cref="Resume"/> make the network between the two go away and come back.
/// </summary>
public sealed class TcpRelay(IPEndPoint target) : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _work = [];
    private readonly List<TcpClient> _open = [];
    private bool _cut; // under _open's lock
    private TcpListener? _listener;

    public int Port { get; } = LoopbackPorts.Free();

    public void Start()
    {
        _listener = new TcpListener(IPAddress.Loopback, Port);
        _listener.Start();
        _work.Add(AcceptAsync(_listener, _stop.Token));
    }

    private async Task AcceptAsync(TcpListener listener, CancellationToken ct)
    {
        try
        {
            while (!ct.IsCancellationRequested)
            {
                var client = await listener.AcceptTcpClientAsync(ct);
                var server = new TcpClient();
                if (!Volatile.Read(ref _cut)) await server.ConnectAsync(target, ct);
                lock (_open)
                {
                    if (_cut)
                    {
                        client.Dispose();
                        server.Dispose();
                        continue;
                    }
                    _open.AddRange([client, server]);
                }
                lock (_work) _work.Add(RelayAsync(client, server, ct));
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException) { }
    }

    /// <summary>Closes every relayed connection and closes new ones as they come, until <see cref="Resume"/>.</summary>
    public void Cut()
    {
        lock (_open)
        {
            _cut = true;
            foreach (var connection in _open) connection.Dispose();
            _open.Clear();
        }
    }

    /// <summary>Relays new connections again.</summary>
    public void Resume()
    {
        lock (_open) _cut = false;
    }

    private async Task RelayAsync(TcpClient client, TcpClient server, CancellationToken ct)
    {
        using (client)
        using (server)
        {
            try
            {
                var a = client.GetStream().CopyToAsync(server.GetStream(), ct);
                var b = server.GetStream().CopyToAsync(client.GetStream(), ct);
                await Task.WhenAny(a, b);
            }
            catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException or InvalidOperationException) { }
        }
        lock (_open)
        {
            _open.Remove(client);
            _open.Remove(server);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener?.Stop();
        Task[] work;
        lock (_work) work = [.. _work];
        await Task.WhenAll(work.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default)));
        _stop.Dispose();
    }
}

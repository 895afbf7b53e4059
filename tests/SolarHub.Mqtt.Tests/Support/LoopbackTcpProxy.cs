using System.Net;
using System.Net.Sockets;

namespace SolarHub.Mqtt.Tests.Support;

/// <summary>
/// Forwards a loopback port to the broker, so a test can cut the hub's connection the way a dead host or a pulled
/// cable would: sockets closed with no MQTT DISCONNECT, which is when the broker publishes the last will.
/// </summary>
public sealed class LoopbackTcpProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _target;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<TcpClient> _open = [];
    private volatile bool _refusing;

    public LoopbackTcpProxy(int targetPort)
    {
        _target = targetPort;
        _listener.Start();
        _ = AcceptLoop();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Closes every forwarded connection and refuses new ones.</summary>
    public void Cut()
    {
        _refusing = true;
        lock (_open)
        {
            foreach (var client in _open) client.Client.Close(0);
            _open.Clear();
        }
    }

    /// <summary>Accepts connections again, as when the network comes back.</summary>
    public void Resume() => _refusing = false;

    private async Task AcceptLoop()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient inbound;
            try { inbound = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (Exception) { return; }
            if (_refusing) { inbound.Dispose(); continue; }
            var outbound = new TcpClient();
            try { await outbound.ConnectAsync(IPAddress.Loopback, _target); }
            catch (SocketException) { inbound.Dispose(); outbound.Dispose(); continue; }
            lock (_open) { _open.Add(inbound); _open.Add(outbound); }
            _ = Pump(inbound, outbound);
            _ = Pump(outbound, inbound);
        }
    }

    private async Task Pump(TcpClient from, TcpClient to)
    {
        try { await from.GetStream().CopyToAsync(to.GetStream(), _stop.Token); }
        catch (Exception) { /* cut or closed */ }
        from.Client.Close(0);
        to.Client.Close(0);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        Cut();
    }
}

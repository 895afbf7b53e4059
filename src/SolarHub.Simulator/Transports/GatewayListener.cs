using System.Net;
using System.Net.Sockets;

namespace SolarHub.Simulator;

/// <summary>
/// The TCP side every simulated gateway shares: the listening socket, the accepted connections (each with an
/// <see cref="OutboundLink"/> that carries the transport faults of <see cref="FaultController"/>), resets on request,
/// and the end of a connection when either its writer or the gateway's serving loop ends. What a gateway does with a
/// connection's incoming bytes is its <c>serve</c> function.
/// </summary>
internal sealed class GatewayListener : IAsyncDisposable
{
    private const int LinuxSolSocket = 1, LinuxSoReuseAddr = 2;

    private readonly SimulatedBus _bus;
    private readonly IPEndPoint _requestedEndPoint;
    private readonly bool _backpressure;
    private readonly Func<GatewayConnection, CancellationToken, Task> _serve;
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Func<int> _resetHandler;
    private GatewayConnection[] _connections = []; // copy-on-write under _gate: read per message without locking
    private TcpListener? _listener;
    private Task _acceptLoop = Task.CompletedTask;
    private long _accepted, _bytesSent, _writes; // the last two: closed connections, under _gate

    /// <param name="backpressure">Whether a connection's writer makes the bus wait (false: it drops what a slow client cannot take).</param>
    /// <param name="serve">Reads a connection's requests until the client closes or the token is cancelled.</param>
    public GatewayListener(SimulatedBus bus, IPEndPoint? endPoint, bool backpressure, Func<GatewayConnection, CancellationToken, Task> serve)
    {
        _bus = bus;
        _requestedEndPoint = endPoint ?? new IPEndPoint(IPAddress.Loopback, 0);
        _backpressure = backpressure;
        _serve = serve;
        _resetHandler = Reset;
    }

    public bool IsStarted => _listener is not null;

    public IPEndPoint LocalEndPoint =>
        (IPEndPoint?)_listener?.LocalEndpoint ?? throw new InvalidOperationException("The gateway is not started.");

    public GatewayConnection[] Connections => Volatile.Read(ref _connections);

    public long Accepted => Interlocked.Read(ref _accepted);

    /// <summary>Bytes written to clients (all connections, closed ones included).</summary>
    public long BytesSent { get { lock (_gate) return _bytesSent + _connections.Sum(c => c.Link.BytesSent); } }

    /// <summary>Socket writes issued (split and merge faults change this, not the bytes).</summary>
    public long Writes { get { lock (_gate) return _writes + _connections.Sum(c => c.Link.Writes); } }

    public void Start()
    {
        var listener = new TcpListener(_requestedEndPoint);
        // Plain SO_REUSEADDR lets a restarted simulator bind while old connections sit in TIME_WAIT. Not
        // SocketOptionName.ReuseAddress: on Unix .NET adds SO_REUSEPORT, and a second simulator on the same port
        // would silently share the clients.
        if (OperatingSystem.IsLinux()) listener.Server.SetRawSocketOption(LinuxSolSocket, LinuxSoReuseAddr, BitConverter.GetBytes(1));
        listener.Start();
        _listener = listener;
        _bus.Faults.ResetRequested += _resetHandler;
        _acceptLoop = AcceptLoopAsync(listener, _stop.Token);
    }

    public async ValueTask DisposeAsync()
    {
        _bus.Faults.ResetRequested -= _resetHandler;
        _stop.Cancel();
        _listener?.Stop();
        await _acceptLoop.ConfigureAwait(false);
        var open = Connections;
        foreach (var connection in open) connection.Abort(reset: false);
        await Task.WhenAll(open.Select(c => c.Completion)).ConfigureAwait(false);
        _stop.Dispose();
    }

    private int Reset()
    {
        var open = Connections;
        foreach (var connection in open) connection.Abort(reset: true);
        return open.Length;
    }

    private async Task AcceptLoopAsync(TcpListener listener, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptSocketAsync(ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException) { break; }
            catch (ObjectDisposedException) { break; }
            catch (SocketException) when (ct.IsCancellationRequested) { break; }
            catch (SocketException) { continue; } // a client gave up while queued: keep serving the others

            socket.NoDelay = true; // one write, one segment: keeps split and merge faults visible on the wire
            long number = Interlocked.Increment(ref _accepted);
            var link = new OutboundLink(new NetworkStream(socket, ownsSocket: false), _bus.Faults,
                unchecked(_bus.Options.Seed + (int)number), _backpressure, muted: _bus.Faults.IsSilencingNewConnections);
            var connection = new GatewayConnection(socket, link, number);
            lock (_gate) _connections = [.. _connections, connection];
            connection.Completion = RunConnectionAsync(connection, ct);
            _bus.ListenersChanged();
        }
    }

    private async Task RunConnectionAsync(GatewayConnection connection, CancellationToken ct)
    {
        using var lifetime = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var writer = Guard(connection.Link.RunAsync(lifetime.Token));
        var reader = Guard(_serve(connection, lifetime.Token));
        // Either side ending (client closed, reset, write failed) ends the connection.
        await Task.WhenAny(writer, reader).ConfigureAwait(false);
        lifetime.Cancel();
        connection.Abort(reset: false);
        await Task.WhenAll(writer, reader).ConfigureAwait(false);
        lock (_gate)
        {
            // Under the lock, so BytesSent never counts a closing connection twice or not at all.
            _connections = _connections.Where(c => c != connection).ToArray();
            _bytesSent += connection.Link.BytesSent;
            _writes += connection.Link.Writes;
        }
    }

    // Socket errors, resets, a client gone mid-request and cancellation are how connections end; they are not the gateway's failures.
    private static async Task Guard(Task task)
    {
        try { await task.ConfigureAwait(false); }
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or ObjectDisposedException or EndOfStreamException) { }
    }
}

/// <summary>One client of a simulated gateway: its socket, the link that writes to it, and its number (1 for the first accepted).</summary>
internal sealed class GatewayConnection(Socket socket, OutboundLink link, long number)
{
    private int _closed;

    public long Number { get; } = number;
    public Socket Socket { get; } = socket;
    public OutboundLink Link { get; } = link;
    public Task Completion { get; set; } = Task.CompletedTask;

    /// <summary>Closes the socket; with <paramref name="reset"/> the peer gets an RST instead of a FIN.</summary>
    public void Abort(bool reset)
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0) return;
        Link.Complete();
        try
        {
            if (reset) Socket.LingerState = new LingerOption(true, 0);
            else Socket.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException) { }
        catch (ObjectDisposedException) { }
        Socket.Dispose();
    }
}

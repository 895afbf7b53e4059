using System.Net;
using System.Net.Sockets;
using SolarHub.Protocol.Jk.Bus;

namespace SolarHub.Simulator;

/// <summary>
/// An RS485-to-TCP gateway (USR-TCP232, Elfin EW11…) on a simulated bus: a TCP server that streams the bus bytes to
/// every connected client. In active mode the polls clients send go onto the bus and the answers come back (to every
/// client: it is one bus). Transport faults from <see cref="Faults"/> apply per connection.
/// </summary>
public sealed class TcpGatewaySimulator : IBusPort, IAsyncDisposable
{
    private const int LinuxSolSocket = 1, LinuxSoReuseAddr = 2;

    private readonly bool _ownsBus;
    private readonly IPEndPoint _requestedEndPoint;
    private readonly Lock _gate = new();
    private Connection[] _connections = []; // copy-on-write under _gate: the bus reads it per message without locking
    private readonly CancellationTokenSource _stop = new();
    private readonly Func<int> _resetHandler;
    private TcpListener? _listener;
    private Task _acceptLoop = Task.CompletedTask;
    private long _accepted, _bytesSent, _writes; // the last two: closed connections, under _gate
    private int _disposed;

    /// <summary>A gateway on a bus of its own (disposed with it).</summary>
    /// <param name="endPoint">Where to listen; default 127.0.0.1 with an ephemeral port.</param>
    public TcpGatewaySimulator(SimulatorOptions? options = null, IPEndPoint? endPoint = null)
        : this(new SimulatedBus(options), endPoint, ownsBus: true) { }

    /// <summary>A gateway on a shared bus (e.g. also carried by a <see cref="SerialBusSimulator"/>); the bus stays the caller's.</summary>
    public TcpGatewaySimulator(SimulatedBus bus, IPEndPoint? endPoint = null) : this(bus, endPoint, ownsBus: false) { }

    private TcpGatewaySimulator(SimulatedBus bus, IPEndPoint? endPoint, bool ownsBus)
    {
        Bus = bus;
        _ownsBus = ownsBus;
        _requestedEndPoint = endPoint ?? new IPEndPoint(IPAddress.Loopback, 0);
        _resetHandler = ResetConnections;
    }

    public SimulatedBus Bus { get; }
    public FaultController Faults => Bus.Faults;

    /// <summary>The bound address (the real port when 0 was asked for). Valid after <see cref="Start"/>.</summary>
    public IPEndPoint LocalEndPoint =>
        (IPEndPoint?)_listener?.LocalEndpoint ?? throw new InvalidOperationException("The gateway is not started.");

    /// <summary>Clients connected now.</summary>
    public int ConnectionCount => Volatile.Read(ref _connections).Length;

    /// <summary>Clients accepted since start.</summary>
    public long ConnectionsAccepted => Interlocked.Read(ref _accepted);

    /// <summary>
    /// Active mode: a client sent a poll, with the number of its connection (1 for the first accepted, and so on), on
    /// the connection's read loop. Tells who was master of the bus when: two clients polling at once interleave.
    /// </summary>
    public event Action<long>? PollFromClient;

    /// <summary>Bytes written to clients (all connections, closed ones included).</summary>
    public long BytesSent { get { lock (_gate) return _bytesSent + _connections.Sum(c => c.Link.BytesSent); } }

    /// <summary>Socket writes issued (split and merge faults change this, not the bytes).</summary>
    public long Writes { get { lock (_gate) return _writes + _connections.Sum(c => c.Link.Writes); } }

    bool IBusPort.HasListeners => ConnectionCount > 0;

    /// <summary>Binds, starts accepting, and starts the bus if the gateway owns it.</summary>
    public void Start()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (_listener is not null) return;
        var listener = new TcpListener(_requestedEndPoint);
        // Plain SO_REUSEADDR lets a restarted simulator bind while old connections sit in TIME_WAIT. Not
        // SocketOptionName.ReuseAddress: on Unix .NET adds SO_REUSEPORT, and a second simulator on the same port
        // would silently share the clients.
        if (OperatingSystem.IsLinux()) listener.Server.SetRawSocketOption(LinuxSolSocket, LinuxSoReuseAddr, BitConverter.GetBytes(1));
        listener.Start();
        _listener = listener;
        Faults.ResetRequested += _resetHandler;
        Bus.Attach(this);
        _acceptLoop = AcceptLoopAsync(listener, _stop.Token);
        if (_ownsBus) Bus.Start();
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        Faults.ResetRequested -= _resetHandler;
        Bus.Detach(this);
        _stop.Cancel();
        _listener?.Stop();
        await _acceptLoop.ConfigureAwait(false);
        var open = Volatile.Read(ref _connections);
        foreach (var connection in open) connection.Abort(reset: false);
        await Task.WhenAll(open.Select(c => c.Completion)).ConfigureAwait(false);
        if (_ownsBus) await Bus.DisposeAsync().ConfigureAwait(false);
        _stop.Dispose();
    }

    async ValueTask IBusPort.SendAsync(ReadOnlyMemory<byte> message, bool backpressure, CancellationToken cancellationToken)
    {
        foreach (var connection in Volatile.Read(ref _connections))
            await connection.Link.EnqueueAsync(message, backpressure, cancellationToken).ConfigureAwait(false);
    }

    private int ResetConnections()
    {
        var open = Volatile.Read(ref _connections);
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
            var link = new OutboundLink(new NetworkStream(socket, ownsSocket: false), Faults,
                unchecked(Bus.Options.Seed + (int)number), backpressure: !Bus.Options.Pacing, muted: Faults.IsSilencingNewConnections);
            var connection = new Connection(socket, link, number);
            lock (_gate) _connections = [.. _connections, connection];
            connection.Completion = RunConnectionAsync(connection, ct);
            Bus.ListenersChanged();
        }
    }

    private async Task RunConnectionAsync(Connection connection, CancellationToken ct)
    {
        using var lifetime = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var writer = Guard(connection.Link.RunAsync(lifetime.Token));
        var reader = Guard(ReadLoopAsync(connection, lifetime.Token));
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

    private async Task ReadLoopAsync(Connection connection, CancellationToken ct)
    {
        var buffer = new byte[1024];
        var scanner = Bus.Master is null ? new FrameScanner(FrameScanner.MinimumCapacity * 2) : null;
        while (!ct.IsCancellationRequested)
        {
            int read = await connection.Socket.ReceiveAsync(buffer, SocketFlags.None, ct).ConfigureAwait(false);
            if (read == 0) return; // the client closed
            if (scanner is not null) ForwardPolls(scanner, buffer.AsSpan(0, read), connection.Number);
            // With a master on the bus the gateway ignores what clients send: a sniffer must never transmit.
        }
    }

    private void ForwardPolls(FrameScanner scanner, ReadOnlySpan<byte> data, long connection)
    {
        while (!data.IsEmpty)
        {
            int taken = scanner.Append(data);
            data = data[taken..];
            while (scanner.TryRead(out var e))
                if (e.Kind == BusEventKind.Poll)
                {
                    PollFromClient?.Invoke(connection);
                    Bus.PollReceived(e.Address, e.Register);
                }
        }
    }

    // Socket errors, resets and cancellation are how connections end; they are not the gateway's failures.
    private static async Task Guard(Task task)
    {
        try { await task.ConfigureAwait(false); }
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or ObjectDisposedException) { }
    }

    private sealed class Connection(Socket socket, OutboundLink link, long number)
    {
        public long Number { get; } = number;
        private int _closed;
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
}

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
    private readonly bool _ownsBus;
    private readonly GatewayListener _listener;
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
        _listener = new GatewayListener(bus, endPoint, backpressure: !bus.Options.Pacing, ReadLoopAsync);
    }

    public SimulatedBus Bus { get; }
    public FaultController Faults => Bus.Faults;

    /// <summary>The bound address (the real port when 0 was asked for). Valid after <see cref="Start"/>.</summary>
    public IPEndPoint LocalEndPoint => _listener.LocalEndPoint;

    /// <summary>Clients connected now.</summary>
    public int ConnectionCount => _listener.Connections.Length;

    /// <summary>Clients accepted since start.</summary>
    public long ConnectionsAccepted => _listener.Accepted;

    /// <summary>
    /// Active mode: a client sent a poll, with the number of its connection (1 for the first accepted, and so on), on
    /// the connection's read loop. Tells who was master of the bus when: two clients polling at once interleave.
    /// </summary>
    public event Action<long>? PollFromClient;

    /// <summary>Bytes written to clients (all connections, closed ones included).</summary>
    public long BytesSent => _listener.BytesSent;

    /// <summary>Socket writes issued (split and merge faults change this, not the bytes).</summary>
    public long Writes => _listener.Writes;

    bool IBusPort.HasListeners => ConnectionCount > 0;

    /// <summary>Binds, starts accepting, and starts the bus if the gateway owns it.</summary>
    public void Start()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (_listener.IsStarted) return;
        _listener.Start();
        Bus.Attach(this);
        if (_ownsBus) Bus.Start();
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        Bus.Detach(this);
        await _listener.DisposeAsync().ConfigureAwait(false);
        if (_ownsBus) await Bus.DisposeAsync().ConfigureAwait(false);
    }

    async ValueTask IBusPort.SendAsync(ReadOnlyMemory<byte> message, bool backpressure, CancellationToken cancellationToken)
    {
        foreach (var connection in _listener.Connections)
            await connection.Link.EnqueueAsync(message, backpressure, cancellationToken).ConfigureAwait(false);
    }

    private async Task ReadLoopAsync(GatewayConnection connection, CancellationToken ct)
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
}

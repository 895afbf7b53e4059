using System.Net;
using System.Net.Sockets;
using SolarHub.Protocol.Jk.Bus;
using SolarHub.Protocol.Jk.Checksums;
using SolarHub.Protocol.Jk.Modbus;

namespace SolarHub.Simulator;

/// <summary>
/// An RS485-to-Ethernet converter set to "Modbus TCP to RTU" on a simulated bus: a TCP server that takes Modbus TCP
/// requests (MBAP header, unit id = pack address), puts them on the bus as RTU polls one at a time, gathers what the bus
/// answers until the pack's acknowledgement (or its response timeout), and sends that back to the client that asked,
/// under the request's transaction and unit id. What nobody asked for is never forwarded: a listener hears nothing.
/// The answer is forwarded as the bus carried it (the 300-byte frame and the 8-byte acknowledgement), as converters do
/// that pass on what came back within their timeout rather than checking it is a standard Modbus reply (docs/running.md).
/// Transport faults from <see cref="Faults"/> apply per connection.
/// </summary>
public sealed class ModbusTcpGatewaySimulator : IBusPort, IAsyncDisposable
{
    /// <summary>How long the converter waits for the bus to answer, as real ones default to (a few hundred ms).</summary>
    public static readonly TimeSpan DefaultResponseTimeout = TimeSpan.FromMilliseconds(500);

    private readonly bool _ownsBus;
    private readonly GatewayListener _listener;
    private readonly TimeSpan _responseTimeout;
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _busTurn = new(1, 1); // one RTU transaction at a time, whoever asks
    private PendingAnswer? _pending; // under _gate
    private long _requests, _answers, _timeouts, _unsolicitedBytes;
    private int _disposed;

    /// <summary>A gateway on a bus of its own (disposed with it); give it <c>Master = false</c>, as a Modbus gateway is the bus's master.</summary>
    public ModbusTcpGatewaySimulator(SimulatorOptions? options = null, IPEndPoint? endPoint = null, TimeSpan? responseTimeout = null)
        : this(new SimulatedBus(options ?? new SimulatorOptions { Master = false }), endPoint, responseTimeout, ownsBus: true) { }

    /// <summary>A gateway on a shared bus; the bus stays the caller's.</summary>
    public ModbusTcpGatewaySimulator(SimulatedBus bus, IPEndPoint? endPoint = null, TimeSpan? responseTimeout = null)
        : this(bus, endPoint, responseTimeout, ownsBus: false) { }

    private ModbusTcpGatewaySimulator(SimulatedBus bus, IPEndPoint? endPoint, TimeSpan? responseTimeout, bool ownsBus)
    {
        Bus = bus;
        _ownsBus = ownsBus;
        _responseTimeout = responseTimeout ?? DefaultResponseTimeout;
        _listener = new GatewayListener(bus, endPoint, backpressure: true, ServeRequestsAsync);
    }

    public SimulatedBus Bus { get; }
    public FaultController Faults => Bus.Faults;

    /// <summary>
    /// True: a strict converter, which sends back only a standard Modbus reply: of a JK answer, the acknowledgement's PDU
    /// (<c>10 16 xx 00 01</c>), the 300-byte frame dropped. False (default): what the bus returned, frame included.
    /// </summary>
    public bool ForwardsOnlyModbusReplies { get; init; }

    /// <summary>The bound address (the real port when 0 was asked for). Valid after <see cref="Start"/>.</summary>
    public IPEndPoint LocalEndPoint => _listener.LocalEndPoint;

    public int ConnectionCount => _listener.Connections.Length;
    public long ConnectionsAccepted => _listener.Accepted;

    /// <summary>Modbus TCP requests received (any client).</summary>
    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>Answers sent back, each under its request's transaction id.</summary>
    public long Answers => Interlocked.Read(ref _answers);

    /// <summary>Requests the bus did not answer within the response timeout (nothing is sent back for them).</summary>
    public long Timeouts => Interlocked.Read(ref _timeouts);

    /// <summary>Bus bytes nobody asked for (a JK master's traffic, garbage between transactions): never forwarded.</summary>
    public long UnsolicitedBytes => Interlocked.Read(ref _unsolicitedBytes);

    bool IBusPort.HasListeners => ConnectionCount > 0;

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

    // The bus's bytes: part of the answer being gathered, or nobody's.
    ValueTask IBusPort.SendAsync(ReadOnlyMemory<byte> message, bool backpressure, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_pending is { } pending) pending.Add(message.Span);
            else Interlocked.Add(ref _unsolicitedBytes, message.Length);
        }
        return ValueTask.CompletedTask;
    }

    private async Task ServeRequestsAsync(GatewayConnection connection, CancellationToken ct)
    {
        using var stream = new NetworkStream(connection.Socket, ownsSocket: false);
        var header = new byte[MbapHeader.Size];
        var pdu = new byte[MbapHeader.MaxLength];
        while (!ct.IsCancellationRequested)
        {
            await stream.ReadExactlyAsync(header, ct).ConfigureAwait(false);
            var request = MbapHeader.Read(header);
            // A request that is not Modbus TCP leaves the converter no way to find the next one: it drops the client.
            if (!request.IsPlausible) return;
            await stream.ReadExactlyAsync(pdu.AsMemory(0, request.PayloadLength), ct).ConfigureAwait(false);
            Interlocked.Increment(ref _requests);
            if (!IsJkPoll(pdu.AsSpan(0, request.PayloadLength), out ushort register)) continue; // the bus has nobody else to ask
            if (await AskBusAsync(request.UnitId, register, ct).ConfigureAwait(false) is not { } answer) continue;
            var payload = ForwardsOnlyModbusReplies ? StandardReply(answer, request.UnitId) : answer;
            if (payload is null) continue; // nothing standard came back: a strict converter sends nothing
            var message = new byte[MbapHeader.Size + payload.Length];
            new MbapHeader(request.TransactionId, 0, (ushort)(payload.Length + 1), request.UnitId).Write(message);
            payload.CopyTo(message, MbapHeader.Size);
            Interlocked.Increment(ref _answers);
            await connection.Link.EnqueueAsync(message, backpressure: true, ct).ConfigureAwait(false);
        }
    }

    // The acknowledgement that ends a JK answer is the only standard Modbus reply in it: its PDU, without address and CRC.
    private static byte[]? StandardReply(byte[] answer, byte unit)
    {
        if (answer.Length < ModbusMessages.AcknowledgementLength) return null;
        var acknowledgement = answer.AsSpan(answer.Length - ModbusMessages.AcknowledgementLength);
        if (acknowledgement[0] != unit || !ModbusCrc16.IsValid(acknowledgement)) return null;
        return acknowledgement[1..^2].ToArray();
    }

    // The JK poll's PDU: write one register (0x10), 16 xx, count 1, 2 bytes, value 0.
    private static bool IsJkPoll(ReadOnlySpan<byte> pdu, out ushort register)
    {
        register = 0;
        if (pdu.Length != ModbusMessages.PollLength - 3 || pdu[0] != ModbusMessages.WriteMultipleRegisters || pdu[1] != ModbusMessages.RegisterHigh) return false;
        register = (ushort)(pdu[1] << 8 | pdu[2]);
        return pdu[3] == 0 && pdu[4] == 1 && pdu[5] == 2;
    }

    /// <summary>One RTU transaction: the poll on the bus, then its answer, or null after the response timeout.</summary>
    private async Task<byte[]?> AskBusAsync(byte unit, ushort register, CancellationToken ct)
    {
        await _busTurn.WaitAsync(ct).ConfigureAwait(false);
        var pending = new PendingAnswer(unit);
        try
        {
            lock (_gate) _pending = pending;
            Bus.PollReceived(unit, register);
            try
            {
                await pending.Completed.WaitAsync(_responseTimeout, ct).ConfigureAwait(false);
                return pending.Bytes();
            }
            catch (TimeoutException)
            {
                Interlocked.Increment(ref _timeouts);
                return null;
            }
        }
        finally
        {
            lock (_gate) _pending = null;
            _busTurn.Release();
        }
    }

    /// <summary>What the bus says while a request waits: complete once the asked pack's acknowledgement went by.</summary>
    private sealed class PendingAnswer(byte unit)
    {
        private readonly MemoryStream _bytes = new();
        private readonly FrameScanner _scanner = new(FrameScanner.MinimumCapacity * 2);
        private readonly TaskCompletionSource _completed = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Completed => _completed.Task;

        public void Add(ReadOnlySpan<byte> message)
        {
            if (_completed.Task.IsCompleted) return;
            _bytes.Write(message);
            while (!message.IsEmpty)
            {
                int taken = _scanner.Append(message);
                message = message[taken..];
                while (_scanner.TryRead(out var e))
                    if (e.Kind == BusEventKind.Acknowledgement && e.Address == unit) _completed.TrySetResult();
            }
        }

        public byte[] Bytes() => _bytes.ToArray();
    }
}

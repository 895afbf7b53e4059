using System.IO.Ports;
using SolarHub.Protocol.Jk.Bus;

namespace SolarHub.Simulator;

/// <summary>
/// Carries a simulated bus on a serial device: a real RS485 adapter, or one end of a pty pair
/// (<c>socat -d -d pty,raw,echo=0,link=/tmp/a pty,raw,echo=0,link=/tmp/b</c>) whose other end the hub reads.
/// Opened 115200 8N1 like the JK RS485 bus. In active mode polls read from the device are answered on it.
/// </summary>
public sealed class SerialBusSimulator : IBusPort, IAsyncDisposable
{
    public const int DefaultBaudRate = 115200;

    private readonly bool _ownsBus;
    private readonly CancellationTokenSource _stop = new();
    private SerialPort? _port;
    private Stream? _stream;
    private OutboundLink? _link;
    private Task _completion = Task.CompletedTask;
    private int _disposed;

    /// <summary>A serial bus of its own (disposed with it).</summary>
    public SerialBusSimulator(string devicePath, SimulatorOptions? options = null, int baudRate = DefaultBaudRate)
        : this(new SimulatedBus(options), devicePath, baudRate, ownsBus: true) { }

    /// <summary>Carries a shared bus (e.g. also served by a <see cref="TcpGatewaySimulator"/>); the bus stays the caller's.</summary>
    public SerialBusSimulator(SimulatedBus bus, string devicePath, int baudRate = DefaultBaudRate)
        : this(bus, devicePath, baudRate, ownsBus: false) { }

    private SerialBusSimulator(SimulatedBus bus, string devicePath, int baudRate, bool ownsBus)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(devicePath);
        Bus = bus;
        DevicePath = devicePath;
        BaudRate = baudRate;
        _ownsBus = ownsBus;
    }

    public SimulatedBus Bus { get; }
    public FaultController Faults => Bus.Faults;
    public string DevicePath { get; }
    public int BaudRate { get; }

    public long BytesSent => _link?.BytesSent ?? 0;
    public long Writes => _link?.Writes ?? 0;

    /// <summary>Completes when the simulator stops; faults when the device failed (unplugged, pty closed).</summary>
    public Task Completion => _completion;

    bool IBusPort.HasListeners => _link is not null && !_completion.IsCompleted;

    /// <summary>Opens the device (throws if it cannot), then starts writing, and starts the bus if this owns it.</summary>
    public void Start()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (_port is not null) return;
        // SerialPort reports a missing device as "access denied"; say what is wrong instead.
        if (!OperatingSystem.IsWindows() && !File.Exists(DevicePath)) throw new FileNotFoundException($"No serial device at {DevicePath}.", DevicePath);
        var port = new SerialPort(DevicePath, BaudRate, Parity.None, 8, StopBits.One) { Handshake = Handshake.None };
        port.Open();
        _port = port;
        _stream = port.BaseStream;
        _link = new OutboundLink(_stream, Faults, Bus.Options.Seed, backpressure: !Bus.Options.Pacing, muted: false);
        _completion = RunAsync(_stream, _link, _stop.Token);
        Bus.Attach(this);
        if (_ownsBus) Bus.Start();
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        Bus.Detach(this);
        _stop.Cancel();
        _link?.Complete();
        try { await _completion.ConfigureAwait(false); }
        catch (Exception e) when (e is IOException or InvalidOperationException or UnauthorizedAccessException) { }
        // Close the stream before the port: SerialPort.Dispose flushes first, and on Unix that flush spins forever
        // when the device vanished with a write still queued.
        _stream?.Dispose();
        _port?.Dispose();
        if (_ownsBus) await Bus.DisposeAsync().ConfigureAwait(false);
        _stop.Dispose();
    }

    ValueTask IBusPort.SendAsync(ReadOnlyMemory<byte> message, bool backpressure, CancellationToken cancellationToken) =>
        _link is { } link && !_completion.IsCompleted ? link.EnqueueAsync(message, backpressure, cancellationToken) : ValueTask.CompletedTask;

    private async Task RunAsync(Stream stream, OutboundLink link, CancellationToken ct)
    {
        using var lifetime = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var writer = link.RunAsync(lifetime.Token);
        var reader = ReadLoopAsync(stream, lifetime.Token);
        var first = await Task.WhenAny(writer, reader).ConfigureAwait(false);
        await lifetime.CancelAsync().ConfigureAwait(false);
        // Both loops are observed here; the one that ended first says why.
        await Task.WhenAll(writer, reader).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (ct.IsCancellationRequested) return;
        // SerialPort reports a vanished device (pty closed, adapter unplugged) as "the port is closed".
        if (first.Exception?.GetBaseException() is { } failure)
            throw new IOException($"Serial device {DevicePath} failed: {failure.Message}", failure);
        throw new IOException($"Serial device {DevicePath} closed.");
    }

    private async Task ReadLoopAsync(Stream stream, CancellationToken ct)
    {
        var buffer = new byte[1024];
        var scanner = Bus.Master is null ? new FrameScanner(FrameScanner.MinimumCapacity * 2) : null;
        while (!ct.IsCancellationRequested)
        {
            int read = await stream.ReadAsync(buffer, ct).ConfigureAwait(false);
            if (read == 0) return;
            if (scanner is null) continue; // a master owns the bus: what others send is not for us
            var data = buffer.AsSpan(0, read);
            while (!data.IsEmpty)
            {
                int taken = scanner.Append(data);
                data = data[taken..];
                while (scanner.TryRead(out var e))
                    if (e.Kind == BusEventKind.Poll) Bus.PollReceived(e.Address, e.Register);
            }
        }
    }
}

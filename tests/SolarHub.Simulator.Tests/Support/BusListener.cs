using System.Net;
using System.Net.Sockets;
using SolarHub.Protocol.Jk.Bus;

namespace SolarHub.Simulator.Tests.Support;

/// <summary>
/// The hub's side of a test: reads a connection (TCP socket or serial stream), feeds a real <see cref="FrameScanner"/>,
/// and keeps every event, read size and the way the stream ended. Waits are signalled by each read, bounded by a timeout.
/// </summary>
public sealed class BusListener : IAsyncDisposable
{
    private readonly Func<Memory<byte>, CancellationToken, ValueTask<int>> _read;
    private readonly IDisposable _resource;
    private readonly Lock _gate = new();
    private readonly List<ReceivedEvent> _events = [];
    private readonly List<int> _readSizes = [];
    private readonly FrameScanner _scanner = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _bytes;

    private BusListener(Func<Memory<byte>, CancellationToken, ValueTask<int>> read, IDisposable resource, Socket? socket)
    {
        _read = read;
        _resource = resource;
        Socket = socket;
        _loop = Task.Run(ReadLoopAsync);
    }

    public Socket? Socket { get; }

    /// <summary>Completes when the stream ends: null for a clean EOF, else the error (e.g. a reset).</summary>
    public Task<Exception?> Closed => _closed.Task;
    private readonly TaskCompletionSource<Exception?> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public long BytesReceived => Interlocked.Read(ref _bytes);

    public static async Task<BusListener> ConnectAsync(IPEndPoint endPoint)
    {
        var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        using var timeout = new CancellationTokenSource(Wait.Default);
        await socket.ConnectAsync(endPoint, timeout.Token);
        return new BusListener((m, ct) => socket.ReceiveAsync(m, SocketFlags.None, ct), socket, socket);
    }

    public static BusListener Over(Stream stream) => new(stream.ReadAsync, stream, null);

    public IReadOnlyList<ReceivedEvent> Events { get { lock (_gate) return [.. _events]; } }
    public IReadOnlyList<ReceivedEvent> Frames => Events.Where(e => e.IsFrame).ToArray();
    public IReadOnlyList<int> ReadSizes { get { lock (_gate) return [.. _readSizes]; } }
    public int EventCount { get { lock (_gate) return _events.Count; } }

    public Task SendAsync(ReadOnlyMemory<byte> bytes) =>
        Socket is not null ? Socket.SendAsync(bytes, SocketFlags.None).AsTask() : throw new InvalidOperationException("Use the stream.");

    /// <summary>Waits until <paramref name="condition"/> holds on the events received so far.</summary>
    public async Task<IReadOnlyList<ReceivedEvent>> WaitForAsync(
        Func<IReadOnlyList<ReceivedEvent>, bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? Wait.Default);
        while (true)
        {
            Task changed;
            IReadOnlyList<ReceivedEvent> events;
            lock (_gate)
            {
                changed = _changed.Task;
                events = [.. _events];
            }
            if (condition(events)) return events;
            if (Closed.IsCompleted) throw new InvalidOperationException($"Stream closed ({Closed.Result?.Message ?? "EOF"}) while waiting for {what}; got {Describe(events)}");
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero) throw new TimeoutException($"Timed out waiting for {what}; got {Describe(events)}");
            await Task.WhenAny(changed, Closed, Task.Delay(left));
        }
    }

    /// <summary>Waits for <paramref name="count"/> frames after the first <paramref name="after"/> events.</summary>
    public Task<IReadOnlyList<ReceivedEvent>> WaitForFramesAsync(int count, int after = 0, Func<ReceivedEvent, bool>? where = null) =>
        WaitForAsync(events => events.Skip(after).Count(e => e.IsFrame && (where?.Invoke(e) ?? true)) >= count, $"{count} frames");

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _resource.Dispose();
        await _loop;
        _stop.Dispose();
    }

    private async Task ReadLoopAsync()
    {
        var buffer = new byte[4096];
        try
        {
            while (true)
            {
                int read = await _read(buffer, _stop.Token);
                if (read == 0) { _closed.TrySetResult(null); break; }
                Interlocked.Add(ref _bytes, read);
                lock (_gate)
                {
                    _readSizes.Add(read);
                    var data = buffer.AsSpan(0, read);
                    while (!data.IsEmpty)
                    {
                        data = data[_scanner.Append(data)..];
                        while (_scanner.TryRead(out var e)) _events.Add(ReceivedEvent.From(e));
                    }
                }
                Pulse();
            }
        }
        catch (Exception e)
        {
            _closed.TrySetResult(e);
        }
        Pulse();
    }

    private void Pulse()
    {
        TaskCompletionSource changed;
        lock (_gate)
        {
            changed = _changed;
            _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        changed.TrySetResult();
    }

    private static string Describe(IReadOnlyList<ReceivedEvent> events) =>
        $"{events.Count} events: " + string.Join(", ", events.TakeLast(12));
}

using System.Diagnostics;
using System.Threading.Channels;
using SolarHub.Protocol.Jk;

namespace SolarHub.Simulator;

/// <summary>
/// One simulated RS485 bus: the packs (<see cref="Bank"/>), the faults, and the loop that drives it. With
/// <see cref="SimulatorOptions.Master"/> a JK master polls the packs at the configured pace; without it (active
/// mode) the bus stays silent until a transport hands it a poll, then the addressed pack answers. Every message is
/// delivered to every attached transport (<see cref="TcpGatewaySimulator"/>, <see cref="SerialBusSimulator"/>).
/// </summary>
public sealed class SimulatedBus : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Channel<(byte Address, ushort Register, bool Wake)> _requests =
        Channel.CreateBounded<(byte, ushort, bool)>(new BoundedChannelOptions(256) { SingleReader = true, FullMode = BoundedChannelFullMode.DropOldest });
    private readonly Random _jitter;
    private IBusPort[] _ports = [];
    private TaskCompletionSource _listenersChanged = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task? _loop;
    private int _disposed;

    public SimulatedBus(SimulatorOptions? options = null)
    {
        Options = options ?? new SimulatorOptions();
        Bank = new SimulatedBank(Options);
        Master = Options.Master ? new JkMasterBus(Bank) : null;
        _jitter = new Random(unchecked(Options.Seed * 17 + 3));
        // A master emits garbage between its transactions; an idle active-mode bus must be woken for it.
        if (Master is null) Faults.GarbageQueued += () => _requests.Writer.TryWrite((0, 0, true));
    }

    public SimulatorOptions Options { get; }
    public SimulatedBank Bank { get; }
    public FaultController Faults => Bank.Faults;
    public SentFrameLog Sent => Bank.Sent;
    public SimulatorStatistics Statistics => Bank.Statistics;

    /// <summary>The polling master, or null in active mode.</summary>
    public JkMasterBus? Master { get; }

    /// <summary>The driving loop: completes when the bus is disposed, faults if the loop failed.</summary>
    public Task Completion => _loop ?? Task.CompletedTask;

    public bool IsRunning => _loop is { IsCompleted: false };

    /// <summary>Starts the master loop (or the active-mode responder). Idempotent.</summary>
    public void Start()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        lock (_gate)
        {
            if (_loop is not null) return;
            _loop = Master is not null ? Task.Run(() => RunMasterAsync(_stop.Token)) : Task.Run(() => RunActiveAsync(_stop.Token));
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        _stop.Cancel();
        _requests.Writer.TryComplete();
        if (_loop is not null)
        {
            try { await _loop.ConfigureAwait(false); }
            catch (OperationCanceledException) { }
        }
        _stop.Dispose();
    }

    internal void Attach(IBusPort port)
    {
        lock (_gate) _ports = [.. _ports, port];
        ListenersChanged();
    }

    internal void Detach(IBusPort port)
    {
        lock (_gate) _ports = _ports.Where(p => p != port).ToArray();
    }

    /// <summary>A transport saw a listener arrive; wakes an unpaced bus waiting for one.</summary>
    internal void ListenersChanged()
    {
        TaskCompletionSource changed;
        lock (_gate)
        {
            changed = _listenersChanged;
            _listenersChanged = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        changed.TrySetResult();
    }

    /// <summary>Active mode: a transport received a poll. Ignored when a master owns the bus.</summary>
    internal void PollReceived(byte address, ushort register)
    {
        if (Master is null) _requests.Writer.TryWrite((address, register, false));
    }

    private async Task RunMasterAsync(CancellationToken ct)
    {
        var master = Master!;
        long next = Stopwatch.GetTimestamp();
        try
        {
            while (!ct.IsCancellationRequested)
            {
                if (!Options.Pacing) await WaitForListenerAsync(ct).ConfigureAwait(false);
                if (Bank.TakeGarbage() is { } garbage) await BroadcastAsync(garbage, ct).ConfigureAwait(false);

                // One array per transaction: it is shared by every listener's queue until written.
                var buffer = new byte[JkMasterBus.MaxTransactionLength];
                var tx = master.WriteNext(buffer);
                await BroadcastAnswerAsync(buffer, tx.PollLength, tx.AnswerLength, ct).ConfigureAwait(false);

                if (!Options.Pacing) continue;
                var pause = master.AtSlowCycleStart ? Options.SlowPollPause : TimeSpan.Zero;
                next += (long)((Options.PollInterval + Jitter() + pause).TotalSeconds * Stopwatch.Frequency);
                var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), next);
                if (wait > TimeSpan.Zero) await Task.Delay(wait, ct).ConfigureAwait(false);
                else if (-wait > Options.PollInterval * 4 + pause) next = Stopwatch.GetTimestamp(); // fell far behind: don't burst
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
    }

    private async Task RunActiveAsync(CancellationToken ct)
    {
        try
        {
            await foreach (var (address, register, wake) in _requests.Reader.ReadAllAsync(ct).ConfigureAwait(false))
            {
                if (Bank.TakeGarbage() is { } garbage) await BroadcastAsync(garbage, ct).ConfigureAwait(false);
                if (wake) continue;
                if (Options.AnswerDelay > TimeSpan.Zero) await Task.Delay(Options.AnswerDelay, ct).ConfigureAwait(false);
                var buffer = new byte[JkMasterBus.MaxTransactionLength];
                int length = Bank.AnswerPoll(buffer, address, register);
                await BroadcastAnswerAsync(buffer, 0, length, ct).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
    }

    // A gateway forwards what the UART delivers message by message: poll, frame and acknowledgement are separate writes,
    // unless it packs a whole transaction (SimulatorOptions.WholeTransactions).
    private async Task BroadcastAnswerAsync(byte[] buffer, int pollLength, int answerLength, CancellationToken ct)
    {
        if (Options.WholeTransactions)
        {
            await BroadcastAsync(buffer.AsMemory(0, pollLength + answerLength), ct).ConfigureAwait(false);
            return;
        }
        if (pollLength > 0) await BroadcastAsync(buffer.AsMemory(0, pollLength), ct).ConfigureAwait(false);
        if (answerLength == 0) return;
        await BroadcastAsync(buffer.AsMemory(pollLength, JkFrame.Length), ct).ConfigureAwait(false);
        await BroadcastAsync(buffer.AsMemory(pollLength + JkFrame.Length, answerLength - JkFrame.Length), ct).ConfigureAwait(false);
    }

    private async ValueTask BroadcastAsync(ReadOnlyMemory<byte> message, CancellationToken ct)
    {
        bool backpressure = !Options.Pacing;
        foreach (var port in Volatile.Read(ref _ports))
            await port.SendAsync(message, backpressure, ct).ConfigureAwait(false);
    }

    private async Task WaitForListenerAsync(CancellationToken ct)
    {
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (_ports.Any(p => p.HasListeners)) return;
                changed = _listenersChanged.Task;
            }
            await changed.WaitAsync(ct).ConfigureAwait(false);
        }
    }

    private TimeSpan Jitter() => Options.EffectiveJitter * (_jitter.NextDouble() * 2 - 1);
}

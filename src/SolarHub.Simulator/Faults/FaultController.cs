using System.Collections.Frozen;

namespace SolarHub.Simulator;

/// <summary>
/// Faults on command, for tests and for <c>solarhub simulate --fault</c>. Thread-safe: call from anywhere while the
/// simulator runs. Bus faults (garbage, corruption, missing packs, pinned values) change what goes on the bus, so
/// every listener sees them; transport faults (reset, silence, drip, split, merge) change how it is delivered.
/// Every change raises <see cref="Applied"/> with a one-line description.
/// </summary>
public sealed class FaultController
{
    private readonly Lock _gate = new();
    private readonly Dictionary<byte, PackOverrides> _overrides = [];
    private FrozenSet<byte> _missing = FrozenSet<byte>.Empty;
    private volatile bool _silent;
    private volatile bool _silenceNewConnections;
    private long _dripTicks;
    private volatile int _splitMaxBytes;
    private volatile int _mergeMessages;
    private int _pendingGarbage;
    private int _checksumCorruptions;
    private int _crcCorruptions;

    /// <summary>A fault was applied or cleared; the argument says which (one line, for logs and the CLI).</summary>
    public event Action<string>? Applied;

    /// <summary>Raised by <see cref="ResetConnections"/>; TCP gateways close their connections with RST.</summary>
    internal event Func<int>? ResetRequested;

    /// <summary>Raised when garbage is queued, so an idle active-mode bus emits it right away.</summary>
    internal event Action? GarbageQueued;

    // ---- transport faults ----

    /// <summary>Closes every open TCP connection with an RST (linger 0). One-shot: new connections work normally. No effect on a serial device.</summary>
    /// <returns>How many connections were reset.</returns>
    public int ResetConnections()
    {
        int count = 0;
        if (ResetRequested is { } handlers)
            foreach (Func<int> handler in handlers.GetInvocationList()) count += handler();
        Raise($"reset {count} connection(s) with RST");
        return count;
    }

    /// <summary>Half-open: stop sending to every connection (and the serial port) but keep them open.</summary>
    public void Silence() { _silent = true; Raise("silence: sending stopped, connections kept open"); }

    /// <summary>Accept new connections, then never send them anything. They stay mute even after the fault is cleared.</summary>
    public void SilenceNewConnections() { _silenceNewConnections = true; Raise("new connections accepted but never sent to"); }

    /// <summary>Send one byte per <paramref name="perByte"/>.</summary>
    public void Drip(TimeSpan perByte)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(perByte, TimeSpan.Zero);
        Interlocked.Exchange(ref _dripTicks, perByte.Ticks);
        Raise($"drip: one byte every {perByte.TotalMilliseconds:0.#} ms");
    }

    /// <summary>Send every message in random writes of 1..<paramref name="maxBytes"/> bytes.</summary>
    public void SplitWrites(int maxBytes = 7)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBytes, 1);
        _splitMaxBytes = maxBytes;
        Raise($"split: writes of 1..{maxBytes} bytes");
    }

    /// <summary>Send <paramref name="messages"/> messages (polls, frames, acknowledgements; whole transactions with <see cref="SimulatorOptions.WholeTransactions"/>) per write, waiting briefly for them.</summary>
    public void MergeWrites(int messages = 4)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(messages, 2);
        _mergeMessages = messages;
        Raise($"merge: {messages} messages per write");
    }

    // ---- bus faults ----

    /// <summary>Put <paramref name="bytes"/> random bytes on the bus between two messages.</summary>
    public void InjectGarbage(int bytes = 64)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bytes, 1);
        Interlocked.Add(ref _pendingGarbage, bytes);
        Raise($"garbage: {bytes} bytes injected");
        GarbageQueued?.Invoke();
    }

    /// <summary>Send the next <paramref name="frames"/> data frames with a wrong checksum (default: until cleared).</summary>
    public void CorruptChecksums(int frames = int.MaxValue)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(frames, 1);
        Volatile.Write(ref _checksumCorruptions, frames);
        Raise(frames == int.MaxValue ? "corrupt: every frame checksum" : $"corrupt: the next {frames} frame checksum(s)");
    }

    /// <summary>Send the next <paramref name="messages"/> polls/acknowledgements with a wrong CRC (default: until cleared).</summary>
    public void CorruptCrcs(int messages = int.MaxValue)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(messages, 1);
        Volatile.Write(ref _crcCorruptions, messages);
        Raise(messages == int.MaxValue ? "corrupt: every poll/ack CRC" : $"corrupt: the next {messages} poll/ack CRC(s)");
    }

    /// <summary>The pack at <paramref name="address"/> stops answering; its polls still go out.</summary>
    public void MakePackMissing(byte address)
    {
        lock (_gate) _missing = _missing.Append(address).ToFrozenSet();
        Raise($"pack {address} missing: its polls get no answer");
    }

    /// <summary>The pack at <paramref name="address"/> answers again.</summary>
    public void RestorePack(byte address)
    {
        lock (_gate) _missing = _missing.Where(a => a != address).ToFrozenSet();
        Raise($"pack {address} answers again");
    }

    /// <summary>Pins values of the pack at <paramref name="address"/> (merged with values pinned before).</summary>
    public void SetPackValues(byte address, PackOverrides values)
    {
        PackOverrides merged;
        lock (_gate)
        {
            merged = _overrides.TryGetValue(address, out var old) ? old.With(values) : values;
            _overrides[address] = merged;
        }
        Raise($"pack {address} values pinned: {merged}");
    }

    /// <summary>Unpins the values of the pack at <paramref name="address"/>; it drifts on from where it was.</summary>
    public void ClearPackValues(byte address)
    {
        lock (_gate) _overrides.Remove(address);
        Raise($"pack {address} values released");
    }

    /// <summary>Clears one fault.</summary>
    public void Clear(FaultKind kind)
    {
        switch (kind)
        {
            case FaultKind.Silence: _silent = false; break;
            case FaultKind.SilenceNewConnections: _silenceNewConnections = false; break;
            case FaultKind.Drip: Interlocked.Exchange(ref _dripTicks, 0); break;
            case FaultKind.SplitWrites: _splitMaxBytes = 0; break;
            case FaultKind.MergeWrites: _mergeMessages = 0; break;
            case FaultKind.CorruptChecksums: Volatile.Write(ref _checksumCorruptions, 0); break;
            case FaultKind.CorruptCrcs: Volatile.Write(ref _crcCorruptions, 0); break;
            case FaultKind.Garbage: Volatile.Write(ref _pendingGarbage, 0); break;
            case FaultKind.MissingPacks: lock (_gate) _missing = FrozenSet<byte>.Empty; break;
            case FaultKind.PackValues: lock (_gate) _overrides.Clear(); break;
            default: throw new ArgumentOutOfRangeException(nameof(kind), kind, null);
        }
        Raise($"cleared: {kind}");
    }

    /// <summary>Clears every fault.</summary>
    public void ClearAll()
    {
        _silent = _silenceNewConnections = false;
        Interlocked.Exchange(ref _dripTicks, 0);
        _splitMaxBytes = _mergeMessages = 0;
        Volatile.Write(ref _checksumCorruptions, 0);
        Volatile.Write(ref _crcCorruptions, 0);
        Volatile.Write(ref _pendingGarbage, 0);
        lock (_gate)
        {
            _missing = FrozenSet<byte>.Empty;
            _overrides.Clear();
        }
        Raise("cleared: all faults");
    }

    // ---- state read by the simulator ----

    public bool IsSilent => _silent;
    public bool IsSilencingNewConnections => _silenceNewConnections;

    /// <summary>Zero when not dripping.</summary>
    public TimeSpan DripInterval => TimeSpan.FromTicks(Interlocked.Read(ref _dripTicks));

    /// <summary>Zero when writes are not split.</summary>
    public int SplitMaxBytes => _splitMaxBytes;

    /// <summary>Zero when writes are not merged.</summary>
    public int MergeMessages => _mergeMessages;

    public bool IsMissing(byte address) => _missing.Contains(address);

    public IReadOnlySet<byte> MissingPacks => _missing;

    public PackOverrides? PackValues(byte address)
    {
        lock (_gate) return _overrides.TryGetValue(address, out var values) ? values : null;
    }

    internal int TakePendingGarbage() => Interlocked.Exchange(ref _pendingGarbage, 0);

    internal bool TakeChecksumCorruption() => TakeOne(ref _checksumCorruptions);

    internal bool TakeCrcCorruption() => TakeOne(ref _crcCorruptions);

    // int.MaxValue means "until cleared" and is never counted down.
    private static bool TakeOne(ref int remaining)
    {
        while (true)
        {
            int current = Volatile.Read(ref remaining);
            if (current <= 0) return false;
            if (current == int.MaxValue) return true;
            if (Interlocked.CompareExchange(ref remaining, current - 1, current) == current) return true;
        }
    }

    private void Raise(string description) => Applied?.Invoke(description);
}

using SolarHub.Protocol.Jk;
using SolarHub.Protocol.Jk.Bus;
using SolarHub.Protocol.Jk.Checksums;

namespace SolarHub.Simulator;

/// <summary>
/// The packs on the bus and how they answer polls: the addressed pack advances to the bus clock, composes its frame
/// (rolling counter per pack) and appends its acknowledgement. Bus faults (missing packs, pinned values, corrupt
/// checksums and CRCs) are applied here, so every listener sees the same bytes. Thread-safe.
/// </summary>
public sealed class SimulatedBank
{
    private readonly Lock _gate = new();
    private readonly Dictionary<byte, Slot> _packs = [];
    private readonly Random _garbageRandom;
    private TimeSpan _clock;
    private long _polls, _frames, _acks, _unanswered, _corruptChecksums, _corruptCrcs, _garbage, _busBytes;

    private sealed class Slot(PackModel model)
    {
        public PackModel Model { get; } = model;
        public TimeSpan Clock;
        public byte Counter;
    }

    public SimulatedBank(SimulatorOptions options, FaultController? faults = null)
    {
        options.Validate();
        Options = options;
        Faults = faults ?? new FaultController();
        Sent = new SentFrameLog(options.SentLogCapacity);
        Addresses = options.Addresses.ToArray();
        foreach (byte address in Addresses)
            _packs[address] = new Slot(new PackModel(address, options.Seed, options.Layout, options.CellsPerPack));
        _garbageRandom = new Random(unchecked(options.Seed * 31 + 7));
    }

    public SimulatorOptions Options { get; }
    public FaultController Faults { get; }
    public SentFrameLog Sent { get; }

    /// <summary>Addresses of the packs, in polling order.</summary>
    public IReadOnlyList<byte> Addresses { get; }

    public JkLayout Layout => Options.Layout;

    /// <summary>Simulated time: one <see cref="SimulatorOptions.SimulatedTimePerPoll"/> per poll.</summary>
    public TimeSpan Clock { get { lock (_gate) return _clock; } }

    public SimulatorStatistics Statistics => new(
        Interlocked.Read(ref _polls), Interlocked.Read(ref _frames), Interlocked.Read(ref _acks),
        Interlocked.Read(ref _unanswered), Interlocked.Read(ref _corruptChecksums), Interlocked.Read(ref _corruptCrcs),
        Interlocked.Read(ref _garbage), Interlocked.Read(ref _busBytes));

    public bool HasPack(byte address) => _packs.ContainsKey(address);

    /// <summary>A copy of the values the pack at <paramref name="address"/> sent last.</summary>
    public PackState Snapshot(byte address)
    {
        lock (_gate) return _packs[address].Model.State.Clone();
    }

    /// <summary>The master's side: writes a poll (11 bytes) and lets one poll's worth of simulated time pass.</summary>
    public int WritePoll(Span<byte> destination, byte address, ushort register)
    {
        int length = ModbusMessages.WritePoll(destination, address, register);
        CorruptCrcIfAsked(destination[..length]);
        Tick();
        Interlocked.Add(ref _busBytes, length);
        return length;
    }

    /// <summary>Active mode: a poll arrived from outside. Counts it, lets time pass and writes the answer (see <see cref="WriteAnswer"/>).</summary>
    public int AnswerPoll(Span<byte> destination, byte address, ushort register)
    {
        Tick();
        return WriteAnswer(destination, address, register);
    }

    /// <summary>
    /// The slave's side: writes the addressed pack's frame and acknowledgement (308 bytes) into
    /// <paramref name="destination"/>, or returns 0 when no pack answers (absent address, missing pack, or a
    /// register JK does not answer).
    /// </summary>
    public int WriteAnswer(Span<byte> destination, byte address, ushort register)
    {
        const int answerLength = JkFrame.Length + ModbusMessages.AcknowledgementLength;
        if (JkRegister.AnswerType(register) is not { } type
            || !_packs.TryGetValue(address, out var slot) || Faults.IsMissing(address))
        {
            Interlocked.Increment(ref _unanswered);
            return 0;
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, answerLength, nameof(destination));

        var frame = destination[..JkFrame.Length];
        byte counter;
        lock (_gate)
        {
            var model = slot.Model;
            model.Overrides = Faults.PackValues(address);
            model.Advance(_clock - slot.Clock);
            slot.Clock = _clock;
            counter = slot.Counter++;
            FrameComposer.Write(frame, type, model.State, Options.Layout, counter);
        }

        bool corrupted = Faults.TakeChecksumCorruption();
        if (corrupted)
        {
            frame[^1] ^= 0xA5;
            Interlocked.Increment(ref _corruptChecksums);
        }
        var ack = destination.Slice(JkFrame.Length, ModbusMessages.AcknowledgementLength);
        ModbusMessages.WriteAcknowledgement(ack, address, register);
        CorruptCrcIfAsked(ack);

        Sent.Add(address, type, counter, corrupted, frame);
        Interlocked.Increment(ref _frames);
        Interlocked.Increment(ref _acks);
        Interlocked.Add(ref _busBytes, answerLength);
        return answerLength;
    }

    /// <summary>The garbage a fault asked for (random bytes), or null when none is pending.</summary>
    public byte[]? TakeGarbage()
    {
        int count = Faults.TakePendingGarbage();
        if (count <= 0) return null;
        var garbage = new byte[count];
        lock (_gate) _garbageRandom.NextBytes(garbage);
        Interlocked.Add(ref _garbage, count);
        Interlocked.Add(ref _busBytes, count);
        return garbage;
    }

    private void Tick()
    {
        lock (_gate) _clock += Options.SimulatedTimePerPoll;
        Interlocked.Increment(ref _polls);
    }

    private void CorruptCrcIfAsked(Span<byte> message)
    {
        if (!Faults.TakeCrcCorruption()) return;
        message[^1] ^= 0x5A;
        Interlocked.Increment(ref _corruptCrcs);
    }
}

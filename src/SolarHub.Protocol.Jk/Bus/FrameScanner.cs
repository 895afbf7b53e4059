using System.Buffers;
using SolarHub.Protocol.Jk.Checksums;

namespace SolarHub.Protocol.Jk.Bus;

/// <summary>
/// Streaming scanner for the JK RS485 bus. Feed bytes as they arrive with <see cref="Append"/> (any chunking),
/// then drain events with <see cref="TryRead"/>. The buffer is fixed at construction; the scanner never throws
/// on bad bytes and allocates nothing after construction.
/// </summary>
/// <remarks>
/// Data frames carry no pack address: a frame is attributed to the latest poll before it, or, when the scanner
/// joined the bus mid-transaction, to the acknowledgement right after it (the scanner waits for those 8 bytes).
/// </remarks>
public sealed class FrameScanner
{
    public const int DefaultCapacity = 8192;

    /// <summary>A frame plus the acknowledgement looked ahead for attribution must always fit.</summary>
    public const int MinimumCapacity = 512;

    private const int FrameWithAcknowledgement = JkFrame.Length + ModbusMessages.AcknowledgementLength;
    private const int NoPendingPoll = -1;

    // A data frame starts with 0x55; a poll or acknowledgement has 0x10 as its second byte.
    private static readonly SearchValues<byte> CandidateBytes = SearchValues.Create([0x55, ModbusMessages.WriteMultipleRegisters]);

    private readonly byte[] _buffer;
    private int _start;
    private int _end;
    private bool _completing;
    private int _pendingPollAddress = NoPendingPoll;

    private long _bytes, _polls, _acknowledgements, _validFrames, _checksumErrors, _discardedBytes;

    public FrameScanner(int capacity = DefaultCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, MinimumCapacity);
        _buffer = new byte[capacity];
    }

    public int Capacity => _buffer.Length;

    /// <summary>Bytes held, waiting for the rest of a message.</summary>
    public int Buffered => _end - _start;

    public ScannerStatistics Statistics =>
        new(_bytes, _polls, _acknowledgements, _validFrames, _checksumErrors, _discardedBytes);

    /// <summary>Copies as much of <paramref name="data"/> as fits and returns how many bytes were taken.</summary>
    public int Append(ReadOnlySpan<byte> data)
    {
        if (_buffer.Length - _end < data.Length && _start > 0)
            Compact();
        int taken = Math.Min(data.Length, _buffer.Length - _end);
        data[..taken].CopyTo(_buffer.AsSpan(_end));
        _end += taken;
        _bytes += taken;
        if (taken > 0) _completing = false;
        return taken;
    }

    /// <summary>
    /// Declares the end of the stream: what was waiting for more bytes is resolved on the next reads
    /// (a frame waiting for its acknowledgement is emitted unattributed, partial messages are discarded).
    /// </summary>
    public void Complete() => _completing = true;

    /// <summary>Forgets buffered bytes and attribution state, e.g. after the transport reconnected.</summary>
    public void Reset()
    {
        _start = _end = 0;
        _completing = false;
        _pendingPollAddress = NoPendingPoll;
    }

    /// <summary>Reads the next event. The event's spans stay valid until the next call on this scanner.</summary>
    public bool TryRead(out BusEvent busEvent)
    {
        var span = _buffer.AsSpan(_start, _end - _start);
        int searchFrom = 0;
        while (true)
        {
            int found = searchFrom < span.Length ? span[searchFrom..].IndexOfAny(CandidateBytes) : -1;
            if (found < 0)
            {
                // Keep the last byte: it may be the address of a poll whose second byte has not arrived yet.
                int drop = _completing ? span.Length : span.Length - 1;
                if (drop <= 0) { busEvent = default; return false; }
                busEvent = Discard(drop);
                return true;
            }

            int at = searchFrom + found;
            bool isFrameStart = span[at] == JkFrame.Header[0];
            int candidate = isFrameStart ? at : at - 1;
            if (candidate < 0) { searchFrom = at + 1; continue; }

            var outcome = isFrameStart
                ? MatchDataFrame(span[candidate..], out busEvent, out int consumed)
                : MatchModbus(span[candidate..], out busEvent, out consumed);

            if (outcome == Outcome.NotHere || (outcome == Outcome.NeedMore && _completing))
            {
                searchFrom = at + 1;
                continue;
            }

            // Whatever precedes a real (or still possible) message is noise; report it first.
            if (candidate > 0)
            {
                busEvent = Discard(candidate);
                return true;
            }

            if (outcome == Outcome.NeedMore) { busEvent = default; return false; }

            _start += consumed;
            return true;
        }
    }

    private enum Outcome { Matched, NotHere, NeedMore }

    private Outcome MatchDataFrame(ReadOnlySpan<byte> s, out BusEvent busEvent, out int consumed)
    {
        busEvent = default;
        consumed = 0;
        var header = JkFrame.Header;
        int headerBytes = Math.Min(s.Length, header.Length);
        if (!s[..headerBytes].SequenceEqual(header[..headerBytes])) return Outcome.NotHere;
        if (s.Length < JkFrame.Length) return Outcome.NeedMore;

        var frame = s[..JkFrame.Length];
        if (JkChecksum.IsValid(frame))
        {
            bool hasAddress = TakePendingPoll(out byte address);
            if (!hasAddress)
            {
                if (s.Length < FrameWithAcknowledgement && !_completing) return Outcome.NeedMore;
                hasAddress = s.Length >= FrameWithAcknowledgement
                    && IsAcknowledgement(s.Slice(JkFrame.Length, ModbusMessages.AcknowledgementLength), out address);
            }
            _validFrames++;
            consumed = JkFrame.Length;
            busEvent = new BusEvent { Kind = BusEventKind.DataFrame, Frame = frame, ChecksumValid = true, Address = address, HasAddress = hasAddress };
            return Outcome.Matched;
        }

        // A bad checksum with another message starting inside means this frame was cut short: resynchronise there.
        int next = FindMessageStart(s, from: 1, to: JkFrame.Length);
        if (next > 0)
        {
            consumed = next;
            busEvent = Discard(next, advance: false);
            return Outcome.Matched;
        }

        bool attributed = TakePendingPoll(out byte pollAddress);
        _checksumErrors++;
        consumed = JkFrame.Length;
        busEvent = new BusEvent { Kind = BusEventKind.DataFrame, Frame = frame, ChecksumValid = false, Address = pollAddress, HasAddress = attributed };
        return Outcome.Matched;
    }

    private Outcome MatchModbus(ReadOnlySpan<byte> s, out BusEvent busEvent, out int consumed)
    {
        busEvent = default;
        consumed = 0;
        if (s.Length < 3) return Outcome.NeedMore;
        if (s[2] != ModbusMessages.RegisterHigh) return Outcome.NotHere;
        if (s.Length >= 6 && (s[4] != 0x00 || s[5] != 0x01)) return Outcome.NotHere;
        if (s.Length < ModbusMessages.AcknowledgementLength) return Outcome.NeedMore;

        byte address = s[0];
        ushort register = (ushort)((s[2] << 8) | s[3]);
        // A poll continues "02 00 00 CRC"; both shapes share the first six bytes.
        if (s[6] == 0x02 && s[7] == 0x00)
        {
            if (s.Length < ModbusMessages.PollLength)
            {
                if (!_completing) return Outcome.NeedMore;
            }
            else if (ModbusCrc16.IsValid(s[..ModbusMessages.PollLength]))
            {
                _polls++;
                _pendingPollAddress = address;
                consumed = ModbusMessages.PollLength;
                busEvent = new BusEvent { Kind = BusEventKind.Poll, Address = address, HasAddress = true, Register = register };
                return Outcome.Matched;
            }
        }

        if (!ModbusCrc16.IsValid(s[..ModbusMessages.AcknowledgementLength])) return Outcome.NotHere;
        _acknowledgements++;
        _pendingPollAddress = NoPendingPoll; // the transaction is over
        consumed = ModbusMessages.AcknowledgementLength;
        busEvent = new BusEvent { Kind = BusEventKind.Acknowledgement, Address = address, HasAddress = true, Register = register };
        return Outcome.Matched;
    }

    private static bool IsAcknowledgement(ReadOnlySpan<byte> s, out byte address)
    {
        address = s[0];
        return s[1] == ModbusMessages.WriteMultipleRegisters && s[2] == ModbusMessages.RegisterHigh
            && s[4] == 0x00 && s[5] == 0x01 && ModbusCrc16.IsValid(s[..ModbusMessages.AcknowledgementLength]);
    }

    /// <summary>Index in [from, to) of a frame header or a complete CRC-valid poll/acknowledgement, or -1.</summary>
    private static int FindMessageStart(ReadOnlySpan<byte> s, int from, int to)
    {
        int header = s[from..to].IndexOf(JkFrame.Header);
        int limit = header >= 0 ? from + header : to;
        for (int i = from + 1; i < limit; i++)
        {
            if (s[i] != ModbusMessages.WriteMultipleRegisters) continue;
            var m = s[(i - 1)..];
            if (m.Length >= ModbusMessages.AcknowledgementLength && m[2] == ModbusMessages.RegisterHigh
                && (ModbusCrc16.IsValid(m[..ModbusMessages.AcknowledgementLength])
                    || (m.Length >= ModbusMessages.PollLength && ModbusCrc16.IsValid(m[..ModbusMessages.PollLength]))))
                return i - 1;
        }
        return header >= 0 ? from + header : -1;
    }

    private bool TakePendingPoll(out byte address)
    {
        address = 0;
        if (_pendingPollAddress == NoPendingPoll) return false;
        address = (byte)_pendingPollAddress;
        _pendingPollAddress = NoPendingPoll;
        return true;
    }

    private BusEvent Discard(int count, bool advance = true)
    {
        if (advance) _start += count;
        _discardedBytes += count;
        return new BusEvent { Kind = BusEventKind.Discarded, DiscardedBytes = count };
    }

    private void Compact()
    {
        int length = _end - _start;
        _buffer.AsSpan(_start, length).CopyTo(_buffer);
        _start = 0;
        _end = length;
    }
}

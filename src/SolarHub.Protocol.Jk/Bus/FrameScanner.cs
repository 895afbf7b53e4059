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
/// A frame with another message starting inside it was cut short: its bytes up to that message are discarded and
/// scanning resumes there. Every decision depends only on the bytes, never on how they were chunked.
/// One file of about 300 lines on purpose: it is one state machine over one buffer on the codec's hot path; split
/// up, the buffer's invariants (start, end, pending poll) would be spread over several types.
/// </remarks>
public sealed class FrameScanner
{
    public const int DefaultCapacity = 8192;

    /// <summary>A frame plus the acknowledgement looked ahead for attribution must always fit.</summary>
    public const int MinimumCapacity = 512;

    private const int FrameWithAcknowledgement = JkFrame.Length + ModbusMessages.AcknowledgementLength;
    private const int NoPendingPoll = -1;

    /// <summary>Answer of <see cref="FindMessageStart"/>: wait for more bytes before deciding.</summary>
    private const int MessageMayStart = -2;

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

    /// <summary>Forgets buffered bytes (counted as discarded) and attribution state, e.g. after the transport reconnected.</summary>
    public void Reset()
    {
        _discardedBytes += _end - _start;
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

            // Matching only looks: state changes when the match is committed, so a match made while noise
            // still precedes it can be made again on the next call without counting or attributing twice.
            var outcome = isFrameStart
                ? MatchDataFrame(span[candidate..], out var match)
                : MatchModbus(span[candidate..], out match);

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

            busEvent = Commit(match, span[..match.Length]);
            return true;
        }
    }

    private enum Outcome { Matched, NotHere, NeedMore }

    /// <summary>What was recognised at the start of the buffer, before it changes any state.</summary>
    private readonly record struct Match(
        BusEventKind Kind, int Length, byte Address = 0, bool HasAddress = false, ushort Register = 0, bool ChecksumValid = false);

    private BusEvent Commit(Match match, ReadOnlySpan<byte> bytes)
    {
        _start += match.Length;
        switch (match.Kind)
        {
            case BusEventKind.Poll:
                _polls++;
                _pendingPollAddress = match.Address;
                break;
            case BusEventKind.Acknowledgement:
                _acknowledgements++;
                _pendingPollAddress = NoPendingPoll; // the transaction is over
                break;
            case BusEventKind.DataFrame:
                if (match.ChecksumValid) _validFrames++; else _checksumErrors++;
                _pendingPollAddress = NoPendingPoll; // the poll is answered (or was never seen)
                break;
            default:
                _discardedBytes += match.Length;
                return new BusEvent { Kind = BusEventKind.Discarded, DiscardedBytes = match.Length };
        }
        return new BusEvent
        {
            Kind = match.Kind, Address = match.Address, HasAddress = match.HasAddress, Register = match.Register,
            ChecksumValid = match.ChecksumValid, Frame = match.Kind == BusEventKind.DataFrame ? bytes : default,
        };
    }

    private Outcome MatchDataFrame(ReadOnlySpan<byte> s, out Match match)
    {
        match = default;
        var header = JkFrame.Header;
        int headerBytes = Math.Min(s.Length, header.Length);
        if (!s[..headerBytes].SequenceEqual(header[..headerBytes])) return Outcome.NotHere;
        if (s.Length < JkFrame.Length) return Outcome.NeedMore;

        var frame = s[..JkFrame.Length];
        bool hasPoll = PendingPoll(out byte address);
        if (JkChecksum.IsValid(frame))
        {
            // A one-byte sum passes one splice in 256: a frame cut short and followed by the next message can add up.
            // A real frame never holds another complete message, so one found inside means the frame was cut there.
            int cut = FindMessageStart(frame, from: 1, to: JkFrame.Length, final: true);
            // A frame cut one to three bytes short puts the next frame's header across the end of these 300 bytes.
            if (cut < 0) cut = FindHeaderAcrossEnd(s, final: _completing);
            if (cut == MessageMayStart) return Outcome.NeedMore;
            if (cut > 0)
            {
                match = new Match(BusEventKind.Discarded, cut);
                return Outcome.Matched;
            }

            bool hasAddress = hasPoll;
            if (!hasAddress)
            {
                if (s.Length < FrameWithAcknowledgement && !_completing) return Outcome.NeedMore;
                hasAddress = s.Length >= FrameWithAcknowledgement
                    && IsAcknowledgement(s.Slice(JkFrame.Length, ModbusMessages.AcknowledgementLength), out address);
            }
            match = new Match(BusEventKind.DataFrame, JkFrame.Length, address, hasAddress, ChecksumValid: true);
            return Outcome.Matched;
        }

        // A bad checksum with another message starting inside means this frame was cut short: resynchronise there.
        // A message that may start inside but has not fully arrived is waited for, or the outcome would depend on chunking.
        int next = FindMessageStart(s, from: 1, to: JkFrame.Length, final: _completing);
        if (next == MessageMayStart) return Outcome.NeedMore;
        if (next > 0)
        {
            match = new Match(BusEventKind.Discarded, next);
            return Outcome.Matched;
        }

        match = new Match(BusEventKind.DataFrame, JkFrame.Length, address, hasPoll, ChecksumValid: false);
        return Outcome.Matched;
    }

    private Outcome MatchModbus(ReadOnlySpan<byte> s, out Match match)
    {
        match = default;
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
                match = new Match(BusEventKind.Poll, ModbusMessages.PollLength, address, true, register);
                return Outcome.Matched;
            }
        }

        if (!ModbusCrc16.IsValid(s[..ModbusMessages.AcknowledgementLength])) return Outcome.NotHere;
        match = new Match(BusEventKind.Acknowledgement, ModbusMessages.AcknowledgementLength, address, true, register);
        return Outcome.Matched;
    }

    private static bool IsAcknowledgement(ReadOnlySpan<byte> s, out byte address)
    {
        address = s[0];
        return s[1] == ModbusMessages.WriteMultipleRegisters && s[2] == ModbusMessages.RegisterHigh
            && s[4] == 0x00 && s[5] == 0x01 && ModbusCrc16.IsValid(s[..ModbusMessages.AcknowledgementLength]);
    }

    /// <summary>
    /// The first start in [from, to) of a frame header or of a CRC-valid poll/acknowledgement (which may end after
    /// <paramref name="to"/>), or -1. Unless <paramref name="final"/>, <see cref="MessageMayStart"/> when a message
    /// may start at a position before any complete one but its bytes have not all arrived.
    /// </summary>
    private static int FindMessageStart(ReadOnlySpan<byte> s, int from, int to, bool final)
    {
        int end = Math.Min(to, s.Length);
        if (from >= end) return -1;
        // Only a 0x55 (header) or a 0x10 (second byte of a Modbus message) can put a message at or just before it.
        var area = s[..Math.Min(s.Length, end + 1)];
        for (int i = from; i < area.Length; i++)
        {
            int next = area[i..].IndexOfAny(CandidateBytes);
            if (next < 0) break;
            i += next;
            int start = area[i] == JkFrame.Header[0] ? i : i - 1;
            if (start < from || start >= end) continue;
            var shape = ShapeAt(s[start..]);
            if (shape == Shape.Complete) return start;
            if (shape == Shape.Partial && !final) return MessageMayStart;
        }
        // The last byte alone could be the address of a poll that is still arriving.
        return !final && s.Length - 1 >= from && s.Length - 1 < end ? MessageMayStart : -1;
    }

    /// <summary>
    /// Where a frame header starts in the last three bytes of the frame at the start of <paramref name="s"/> and
    /// continues past it, or -1; unless <paramref name="final"/>, <see cref="MessageMayStart"/> while the bytes after
    /// the frame have not arrived but could still complete one.
    /// </summary>
    private static int FindHeaderAcrossEnd(ReadOnlySpan<byte> s, bool final)
    {
        var header = JkFrame.Header;
        for (int i = JkFrame.Length - header.Length + 1; i < JkFrame.Length; i++)
        {
            int available = Math.Min(header.Length, s.Length - i);
            if (!s.Slice(i, available).SequenceEqual(header[..available])) continue;
            if (available == header.Length) return i;
            if (!final) return MessageMayStart;
        }
        return -1;
    }

    private enum Shape { None, Partial, Complete }

    /// <summary>Whether <paramref name="m"/> starts with a frame header or CRC-valid Modbus message, or could once more bytes arrive.</summary>
    private static Shape ShapeAt(ReadOnlySpan<byte> m)
    {
        var header = JkFrame.Header;
        int headerBytes = Math.Min(m.Length, header.Length);
        if (m[..headerBytes].SequenceEqual(header[..headerBytes]))
            return headerBytes == header.Length ? Shape.Complete : Shape.Partial;

        if (m.Length < 2) return Shape.Partial;
        if (m[1] != ModbusMessages.WriteMultipleRegisters) return Shape.None;
        if (m.Length < 3) return Shape.Partial;
        if (m[2] != ModbusMessages.RegisterHigh) return Shape.None;
        if ((m.Length > 4 && m[4] != 0x00) || (m.Length > 5 && m[5] != 0x01)) return Shape.None;
        if (m.Length < ModbusMessages.AcknowledgementLength) return Shape.Partial;
        if (ModbusCrc16.IsValid(m[..ModbusMessages.AcknowledgementLength])) return Shape.Complete;
        if (m[6] != 0x02 || m[7] != 0x00) return Shape.None;
        if (m.Length < ModbusMessages.PollLength) return Shape.Partial;
        return ModbusCrc16.IsValid(m[..ModbusMessages.PollLength]) ? Shape.Complete : Shape.None;
    }

    private bool PendingPoll(out byte address)
    {
        address = 0;
        if (_pendingPollAddress == NoPendingPoll) return false;
        address = (byte)_pendingPollAddress;
        return true;
    }

    private BusEvent Discard(int count)
    {
        _start += count;
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

namespace SolarHub.Protocol.Jk.Modbus;

/// <summary>
/// Streaming reader of a Modbus TCP byte stream (any chunking): headers, then each answer's payload as slices of the
/// bytes given, then its end. It only frames: which transaction is awaited is the caller's to decide. Allocates nothing
/// after construction and never throws on bad bytes: a header that cannot be one is skipped a byte at a time.
/// </summary>
public sealed class MbapDeframer
{
    private readonly byte[] _header = new byte[MbapHeader.Size];
    private int _headerFill;
    private MbapHeader _current;
    private int _remaining = -1; // payload bytes still to come of the current answer; -1: reading a header

    public long Answers { get; private set; }
    public long SkippedBytes { get; private set; }

    /// <summary>Header bytes held, waiting for the rest.</summary>
    public int Buffered => _remaining < 0 ? _headerFill : 0;

    /// <summary>
    /// The next segment from <paramref name="input"/>, advancing it past what was used; false when it is used up
    /// and more bytes are needed.
    /// </summary>
    public bool Next(ref ReadOnlySpan<byte> input, out MbapSegment segment)
    {
        while (true)
        {
            if (_remaining == 0)
            {
                _remaining = -1;
                Answers++;
                segment = new MbapSegment
                {
                    Kind = MbapSegmentKind.End, TransactionId = _current.TransactionId, UnitId = _current.UnitId,
                    Bytes = MbapHeader.Size + _current.PayloadLength,
                };
                return true;
            }
            if (_remaining > 0)
            {
                if (input.IsEmpty) { segment = default; return false; }
                int take = Math.Min(_remaining, input.Length);
                segment = new MbapSegment
                {
                    Kind = MbapSegmentKind.Payload, TransactionId = _current.TransactionId, UnitId = _current.UnitId, Payload = input[..take],
                };
                input = input[take..];
                _remaining -= take;
                return true;
            }

            int need = MbapHeader.Size - _headerFill;
            int copy = Math.Min(need, input.Length);
            input[..copy].CopyTo(_header.AsSpan(_headerFill));
            _headerFill += copy;
            input = input[copy..];
            if (_headerFill < MbapHeader.Size) { segment = default; return false; }

            var header = MbapHeader.Read(_header);
            if (!header.IsPlausible)
            {
                // Out of step (or not Modbus TCP at all): drop one byte and look for a header at the next.
                _header.AsSpan(1).CopyTo(_header);
                _headerFill--;
                SkippedBytes++;
                segment = new MbapSegment { Kind = MbapSegmentKind.Skipped, Bytes = 1 };
                return true;
            }
            _headerFill = 0;
            _current = header;
            _remaining = header.PayloadLength;
        }
    }

    /// <summary>Forgets a partial header or answer, e.g. after the connection was opened afresh.</summary>
    public void Reset()
    {
        _headerFill = 0;
        _remaining = -1;
    }
}

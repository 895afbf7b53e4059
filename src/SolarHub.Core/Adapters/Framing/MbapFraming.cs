using SolarHub.Protocol.Jk.Modbus;

namespace SolarHub.Core.Adapters.Framing;

/// <summary>
/// A gateway in "Modbus TCP to RTU" mode (<c>tcp+modbus://</c>): each poll goes out with a transaction id of its own
/// and the pack's address as unit id, and the gateway sends back what the pack answered under the same header. Only the
/// answer to the poll awaited now (its transaction id and unit) is scanned, and attributed to that pack whatever its bytes
/// say; a late answer, a duplicate or one to another request is counted as discarded bytes, never attributed.
/// </summary>
public sealed class MbapFraming : BusFraming
{
    private const int NothingAwaited = -1;
    private const int Undecided = -1, Refused = -2;

    private readonly MbapDeframer _deframer = new();
    private ushort _lastTransaction;
    private volatile int _awaited = NothingAwaited; // transaction id << 8 | unit; written by the actor, read by the loop
    private int _answer = Undecided;                // the loop's: the unit of the answer being read when it is taken

    public override int MaxPollLength => MbapHeader.PollLength;

    public override bool CarriesTheWholeBus => false;

    public override int WritePoll(Span<byte> destination, byte address, ushort register)
    {
        ushort transaction = unchecked(++_lastTransaction);
        _awaited = transaction << 8 | address;
        return MbapHeader.WritePoll(destination, transaction, address, register);
    }

    public override void Abandon() => _awaited = NothingAwaited;

    public override void Feed(ReadOnlySpan<byte> data, BusFrameReader reader, IPackFrameSink sink, int expectedAddress)
    {
        while (_deframer.Next(ref data, out var segment))
        {
            switch (segment.Kind)
            {
                case MbapSegmentKind.Payload:
                    // Decided on the answer's first bytes, so one answer is never half taken when the poll is given up meanwhile.
                    if (_answer == Undecided)
                        _answer = IsAwaited(segment.TransactionId, segment.UnitId) ? segment.UnitId : Refused;
                    if (_answer >= 0) reader.FeedAnswer(segment.Payload, sink, (byte)_answer);
                    else reader.Discard(segment.Payload.Length);
                    break;
                case MbapSegmentKind.End:
                    if (_answer >= 0) reader.EndAnswer(sink, (byte)_answer);
                    else reader.Discard(MbapHeader.Size);
                    _answer = Undecided;
                    break;
                case MbapSegmentKind.Skipped:
                    reader.Discard(segment.Bytes);
                    break;
            }
        }
    }

    private bool IsAwaited(ushort transaction, byte unit)
    {
        int awaited = _awaited;
        return awaited != NothingAwaited && awaited == (transaction << 8 | unit);
    }
}

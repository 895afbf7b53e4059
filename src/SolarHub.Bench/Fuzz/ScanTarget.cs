using SolarHub.Protocol.Jk;
using SolarHub.Protocol.Jk.Bus;
using SolarHub.Protocol.Jk.Decoding;

namespace SolarHub.Bench.Fuzz;

/// <summary>
/// A <see cref="FrameScanner"/> under fuzz: fed chunk by chunk, drained after each, with every decoder run on what it
/// yields. It knows the stream offset of every event (the events cover the bytes in order), so it checks that each
/// intact frame is reported exactly where it was placed, and that the scanner never holds more than an undecided
/// message needs. It also counts what <c>BusFrameReader</c> would hand on for the same events, to compare with it.
/// </summary>
public sealed class ScanTarget(string name, int capacity, bool decode, ExpectedFrameQueue? expected)
{
    /// <summary>The most an undecided message can hold back: a frame and a poll starting in its last byte.</summary>
    public const int MaxUndecided = JkFrame.Length + ModbusMessages.PollLength;

    private const int Addresses = 16;
    private readonly DecoderSweep _sweep = new();
    private readonly JkLayout[] _layouts = new JkLayout[Addresses];
    private readonly int _capacity = capacity;
    private FrameScanner _scanner = new(capacity);
    private long _position, _appended, _events;

    public string Name => name;

    public ScannerStatistics Statistics => _scanner.Statistics;

    /// <summary>Bytes not yet reported in an event, plus bytes reported: must be every byte appended.</summary>
    public bool Balanced => _position + _scanner.Buffered == _appended;

    public long Allocated { get; private set; }
    public long FramesFound { get; private set; }
    public int MaxBuffered { get; private set; }

    /// <summary>Cell infos and device infos the adapters' reader would decode and hand on from the same events.</summary>
    public long ReaderCellInfos { get; private set; }
    public long ReaderDeviceInfos { get; private set; }

    public long Sink => _sweep.Sink;
    public long Decodes => _sweep.Decodes;

    public void Feed(ReadOnlySpan<byte> chunk, long caseIndex, FuzzInputKind input, FuzzFailures failures)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        try
        {
            while (!chunk.IsEmpty)
            {
                int taken = _scanner.Append(chunk);
                chunk = chunk[taken..];
                _appended += taken;
                bool any = false;
                while (_scanner.TryRead(out var e))
                {
                    any = true;
                    OnEvent(e, caseIndex, input, failures);
                }
                MaxBuffered = Math.Max(MaxBuffered, _scanner.Buffered);
                if (_scanner.Buffered > MaxUndecided)
                    failures.Add(new FuzzFailure(FuzzFailureKind.BufferGrowth, name, caseIndex, input, _appended, Detail: _scanner.Buffered));
                if (taken == 0 && !any)
                {
                    failures.Add(new FuzzFailure(FuzzFailureKind.Hang, name, caseIndex, input, _appended, Detail: _scanner.Buffered));
                    Allocated += GC.GetAllocatedBytesForCurrentThread() - before;
                    Restart(_appended + chunk.Length);
                    return;
                }
            }
            if (expected is not null) ExpireLost(caseIndex, input, failures);
            Allocated += GC.GetAllocatedBytesForCurrentThread() - before;
        }
        catch (Exception e)
        {
            failures.Add(new FuzzFailure(FuzzFailureKind.Exception, name, caseIndex, input, _appended, e));
            Restart(_appended + chunk.Length);
        }
    }

    /// <summary>Intact frames whose offset the scanner has passed without reporting them there are lost.</summary>
    public void ExpireLost(long caseIndex, FuzzInputKind input, FuzzFailures failures)
    {
        if (expected is null) return;
        while (expected.Count > 0 && expected.Peek().Offset < _position)
        {
            failures.Add(new FuzzFailure(FuzzFailureKind.LostFrame, name, caseIndex, input, expected.Peek().Offset));
            expected.Dequeue();
        }
    }

    private void OnEvent(in BusEvent e, long caseIndex, FuzzInputKind input, FuzzFailures failures)
    {
        long offset = _position;
        _events++;
        _position += e.Kind switch
        {
            BusEventKind.Poll => ModbusMessages.PollLength,
            BusEventKind.Acknowledgement => ModbusMessages.AcknowledgementLength,
            BusEventKind.DataFrame => e.Frame.Length,
            _ => e.DiscardedBytes,
        };
        if (e.Kind != BusEventKind.DataFrame) return;

        if (expected is not null)
        {
            while (expected.Count > 0 && expected.Peek().Offset < offset)
            {
                failures.Add(new FuzzFailure(FuzzFailureKind.LostFrame, name, caseIndex, input, expected.Peek().Offset));
                expected.Dequeue();
            }
            if (expected.Count > 0 && expected.Peek().Offset == offset)
            {
                var frame = expected.Peek();
                expected.Dequeue();
                if (e.ChecksumValid && e.Counter == frame.Counter && e.Frame[^1] == frame.Checksum) FramesFound++;
                else failures.Add(new FuzzFailure(FuzzFailureKind.LostFrame, name, caseIndex, input, offset, Detail: 1));
            }
        }
        if (!decode) return;
        _sweep.Run(e.Frame, shorterBy: (int)(_events % JkFrame.Length));
        if (e.ChecksumValid) CountAsReader(e);
    }

    /// <summary>What <c>BusFrameReader</c> does with a valid frame (no expected address): decode it with its pack's layout.</summary>
    private void CountAsReader(in BusEvent e)
    {
        if (!e.HasAddress || e.Address >= Addresses) return;
        switch (e.FrameType)
        {
            case JkFrameType.CellInfo when CellInfoDecoder.TryDecode(e.Frame, _layouts[e.Address], out _) == DecodeStatus.Ok:
                ReaderCellInfos++;
                break;
            case JkFrameType.DeviceInfo when DeviceInfoDecoder.TryDecode(e.Frame, out var info) == DecodeStatus.Ok:
                if (LayoutDetector.FromDeviceInfo(info) is { } layout) _layouts[e.Address] = layout;
                ReaderDeviceInfos++;
                break;
        }
    }

    /// <summary>After an exception or a stall: a fresh scanner from the end of the chunk, as an adapter would reconnect.</summary>
    private void Restart(long offset)
    {
        _scanner = new FrameScanner(_capacity);
        _position = _appended = offset;
        while (expected is not null && expected.Count > 0 && expected.Peek().Offset < offset) expected.Dequeue();
    }
}

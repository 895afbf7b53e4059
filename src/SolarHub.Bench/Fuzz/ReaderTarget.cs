using SolarHub.Core.Adapters;
using SolarHub.Protocol.Jk;

namespace SolarHub.Bench.Fuzz;

/// <summary>The adapters' <see cref="BusFrameReader"/> under fuzz, with a counting sink.</summary>
public sealed class ReaderTarget
{
    private readonly CountingFrameSink _sink = new();
    private BusFrameReader _reader = new(JkLayout.JK02_32S);

    public string Name => "reader";
    public BusFrameReader Reader => _reader;
    public CountingFrameSink Sink => _sink;
    public long Allocated { get; private set; }

    public void Feed(ReadOnlySpan<byte> chunk, long caseIndex, FuzzInputKind input, long offset, FuzzFailures failures)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        try
        {
            _reader.Feed(chunk, _sink);
            Allocated += GC.GetAllocatedBytesForCurrentThread() - before;
        }
        catch (Exception e)
        {
            failures.Add(new FuzzFailure(FuzzFailureKind.Exception, Name, caseIndex, input, offset, e));
            _reader = new BusFrameReader(JkLayout.JK02_32S);
        }
    }
}

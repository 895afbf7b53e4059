using BenchmarkDotNet.Attributes;
using SolarHub.Protocol.Jk.Bus;

namespace SolarHub.Benchmarks;

/// <summary>
/// Scanning realistic bus traffic (1 MiB per operation, so MB/s = 1 / mean in seconds) in gateway-sized chunks.
/// The bus itself carries 11.5 kB/s at 115200 baud: this shows the headroom.
/// </summary>
[MemoryDiagnoser]
public class ScannerBenchmarks
{
    public const int StreamBytes = 1 << 20;

    private byte[] _stream = [];
    private FrameScanner _scanner = new();

    [Params(64, 1460)]
    public int ChunkBytes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _stream = BenchmarkFrames.BusTraffic(StreamBytes)[..StreamBytes];
        _scanner = new FrameScanner();
    }

    [Benchmark]
    public int ScanOneMebibyte()
    {
        int frames = 0;
        var scanner = _scanner;
        for (int at = 0; at < _stream.Length;)
        {
            at += scanner.Append(_stream.AsSpan(at, Math.Min(ChunkBytes, _stream.Length - at)));
            while (scanner.TryRead(out var e))
                if (e.Kind == BusEventKind.DataFrame) frames++;
        }
        return frames;
    }
}

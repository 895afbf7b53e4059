using BenchmarkDotNet.Attributes;
using SolarHub.Protocol.Jk.Bus;
using SolarHub.Protocol.Jk.Checksums;

namespace SolarHub.Benchmarks;

/// <summary>The two checksums at the sizes they run on: an 11-byte poll and a 300-byte frame.</summary>
[MemoryDiagnoser]
public class ChecksumBenchmarks
{
    private byte[] _poll = [];
    private byte[] _frame = [];

    [GlobalSetup]
    public void Setup()
    {
        _poll = ModbusMessages.Poll(1, 0x1620);
        _frame = BenchmarkFrames.CellInfoFrame;
    }

    [Benchmark]
    public bool ModbusCrc16_Poll() => ModbusCrc16.IsValid(_poll);

    [Benchmark]
    public ushort ModbusCrc16_300Bytes() => ModbusCrc16.Compute(_frame);

    [Benchmark]
    public bool JkChecksum_Frame() => JkChecksum.IsValid(_frame);
}

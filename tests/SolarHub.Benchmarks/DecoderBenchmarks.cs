using BenchmarkDotNet.Attributes;
using SolarHub.Protocol.Jk;
using SolarHub.Protocol.Jk.Decoding;

namespace SolarHub.Benchmarks;

/// <summary>Decoding one real frame of each type (checksum included, as the decoders verify it).</summary>
[MemoryDiagnoser]
public class DecoderBenchmarks
{
    private byte[] _cellInfo = [];
    private byte[] _settings = [];
    private byte[] _deviceInfo = [];

    [GlobalSetup]
    public void Setup()
    {
        _cellInfo = BenchmarkFrames.CellInfoFrame;
        _settings = BenchmarkFrames.Jk02Frames.First(f => f[JkFrame.TypeOffset] == (byte)JkFrameType.Settings);
        _deviceInfo = BenchmarkFrames.Jk02Frames.First(f => f[JkFrame.TypeOffset] == (byte)JkFrameType.DeviceInfo);
    }

    [Benchmark]
    public int CellInfo()
    {
        CellInfoDecoder.TryDecode(_cellInfo, JkLayout.JK02_32S, out var info);
        return info.CellCount;
    }

    [Benchmark]
    public int Settings()
    {
        SettingsDecoder.TryDecode(_settings, JkLayout.JK02_32S, out var settings);
        return settings.CellCount;
    }

    [Benchmark]
    public uint DeviceInfo()
    {
        DeviceInfoDecoder.TryDecode(_deviceInfo, out var info);
        return info.PowerOnCount;
    }
}

using SolarHub.Protocol.Jk.Bus;
using SolarHub.Protocol.Jk.Decoding;
using SolarHub.Protocol.Jk.Tests.Support;

namespace SolarHub.Protocol.Jk.Tests.Bus;

/// <summary>
/// The hub scans and decodes for months: after warm-up it must not allocate at all, so the garbage collector
/// never runs because of the bus. A correctness property, measured in bytes, not time.
/// </summary>
public class ScanAndDecodeAllocationTests
{
    [Fact]
    public void Scanning_and_decoding_a_realistic_stream_allocates_nothing_after_warm_up()
    {
        var script = new BusScript();
        byte address = 0;
        foreach (var frame in RealFrames.All.Where(f => f.IsExactly300Bytes && f.Layout != JkLayout.JK04))
        {
            script.Transaction(address, frame.Frame).LineNoise();
            address = (byte)((address + 1) % 16);
        }
        byte[] damaged = RealFrames.Single("esp32-ble-v14-example-faker.yaml", "cell_info_frame2").Frame;
        damaged[100] ^= 0xFF;
        script.Poll(3, JkRegister.CellInfo).Frame(damaged, 3, checksumValid: false).Garbage(damaged.AsSpan(0, 77));
        byte[] stream = script.Bytes;
        var scanner = new FrameScanner();

        long warmUp = ScanAndDecode(scanner, stream);
        long before = GC.GetAllocatedBytesForCurrentThread();
        long decoded = 0;
        for (int pass = 0; pass < 20; pass++) decoded += ScanAndDecode(scanner, stream);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        decoded.Should().Be(20 * warmUp).And.BePositive();
        allocated.Should().Be(0);
    }

    /// <summary>Feeds the stream in uneven chunks, decodes every frame it reports and returns how many decoded.</summary>
    private static long ScanAndDecode(FrameScanner scanner, byte[] stream)
    {
        long decoded = 0;
        int at = 0, chunk = 1;
        while (at < stream.Length)
        {
            int size = Math.Min(chunk, stream.Length - at);
            at += scanner.Append(stream.AsSpan(at, size));
            decoded += Drain(scanner);
            chunk = chunk * 7 % 509 + 1; // 1, 8, 57, 400, ... : varied without a random generator
        }
        scanner.Complete();
        return decoded + Drain(scanner);
    }

    private static long Drain(FrameScanner scanner)
    {
        long decoded = 0;
        while (scanner.TryRead(out var e))
        {
            if (e.Kind != BusEventKind.DataFrame || !e.ChecksumValid) continue;
            var status = e.FrameType switch
            {
                JkFrameType.CellInfo => CellInfoDecoder.TryDecode(e.Frame, JkLayout.JK02_32S, out _),
                JkFrameType.Settings => SettingsDecoder.TryDecode(e.Frame, JkLayout.JK02_32S, out _),
                JkFrameType.DeviceInfo => DeviceInfoDecoder.TryDecode(e.Frame, out var info) == DecodeStatus.Ok
                    && LayoutDetector.FromDeviceInfo(info) is not null ? DecodeStatus.Ok : DecodeStatus.Unsupported,
                _ => DecodeStatus.WrongType,
            };
            if (status == DecodeStatus.Ok) decoded++;
        }
        return decoded;
    }
}

using SolarHub.Protocol.Jk.Bus;
using SolarHub.Protocol.Jk.Tests.Support;

namespace SolarHub.Protocol.Jk.Tests.Bus;

/// <summary>
/// Gateways split and merge the byte stream anywhere, so the scanner must report the same events whatever the
/// chunking: here every real frame travels in realistic traffic split at every possible point.
/// </summary>
public class FrameScannerChunkingTests
{
    public static TheoryData<RealFrame> BusFrames => RealFrames.Where(f => f.IsExactly300Bytes);

    /// <summary>
    /// Noise, pack 1 answers with <paramref name="frame"/>, noise, pack 2 is polled but missing, pack 3 answers
    /// with a cell-info frame, noise at the end.
    /// </summary>
    private static BusScript RealisticTraffic(RealFrame frame) => new BusScript()
        .LineNoise()
        .Transaction(1, frame.Frame)
        .LineNoise()
        .Poll(2, JkRegister.CellInfo)
        .Transaction(3, RealFrames.Single("esp32-ble-v14-example-faker.yaml", "cell_info_frame2").Frame)
        .LineNoise();

    [Theory]
    [MemberData(nameof(BusFrames))]
    public void Split_at_every_byte_boundary_the_same_events_come_out(RealFrame frame)
    {
        var script = RealisticTraffic(frame);
        byte[] stream = script.Bytes;
        var expected = script.Expected;

        for (int split = 0; split <= stream.Length; split++)
        {
            var actual = ScannerRun.SplitAt(stream, split);
            if (!actual.SequenceEqual(expected))
                actual.Should().Equal(expected, "the stream was split at byte {0} of {1}", split, stream.Length);
        }
    }

    [Theory]
    [MemberData(nameof(BusFrames))]
    public void Fed_one_byte_at_a_time_the_same_events_come_out(RealFrame frame)
    {
        var script = RealisticTraffic(frame);

        ScannerRun.OneByteAtATime(script.Bytes).Should().Equal(script.Expected);
    }

    [Fact]
    public void The_expected_traffic_is_what_a_correct_scanner_reports()
    {
        // Guards the test itself: the script's expectation spelled out once by hand.
        var frame = RealFrames.Single("esp32-ble-v19-example-faker2.yaml", "device_info_frame_a");
        var cells = RealFrames.Single("esp32-ble-v14-example-faker.yaml", "cell_info_frame2");
        int noise = BusScript.LineNoiseBytes.Length;

        RealisticTraffic(frame).Expected.Should().Equal(
            ScannedEvent.Discarded(noise),
            ScannedEvent.Poll(1, JkRegister.DeviceInfo),
            ScannedEvent.DataFrame(frame.Frame, 1),
            ScannedEvent.Acknowledgement(1, JkRegister.DeviceInfo),
            ScannedEvent.Discarded(noise),
            ScannedEvent.Poll(2, JkRegister.CellInfo),
            ScannedEvent.Poll(3, JkRegister.CellInfo),
            ScannedEvent.DataFrame(cells.Frame, 3),
            ScannedEvent.Acknowledgement(3, JkRegister.CellInfo),
            ScannedEvent.Discarded(noise));
    }

    [Fact]
    public void A_bank_of_packs_sending_every_real_frame_is_reported_frame_by_frame_with_its_pack()
    {
        var script = new BusScript();
        byte address = 0;
        foreach (var frame in RealFrames.All.Where(f => f.IsExactly300Bytes))
        {
            script.Transaction(address, frame.Frame);
            if (address % 3 == 0) script.LineNoise();
            address = (byte)((address + 1) % 16);
        }
        byte[] stream = script.Bytes;

        ScannerRun.Whole(stream).Should().Equal(script.Expected);
        ScannerRun.OneByteAtATime(stream).Should().Equal(script.Expected);
        var random = new Random(1234);
        var chunks = new List<ReadOnlyMemory<byte>>();
        for (int at = 0; at < stream.Length;)
        {
            int size = Math.Min(random.Next(1, 700), stream.Length - at);
            chunks.Add(stream.AsMemory(at, size));
            at += size;
        }
        ScannerRun.Feed(new FrameScanner(), chunks).Should().Equal(script.Expected);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(300)]
    [InlineData(311)]
    public void Statistics_count_each_message_once_whatever_the_chunking(int split)
    {
        var script = RealisticTraffic(RealFrames.Single("esp32-ble-v19-example-faker.yaml", "settings_frame"));
        byte[] stream = script.Bytes;
        var scanner = new FrameScanner();

        ScannerRun.Feed(scanner, [stream.AsMemory(0, split), stream.AsMemory(split)]);

        scanner.Statistics.Should().Be(ExpectedStatistics.For(script.Expected));
        scanner.Buffered.Should().Be(0);
    }
}

using SolarHub.Protocol.Jk.Bus;
using SolarHub.Protocol.Jk.Checksums;
using SolarHub.Protocol.Jk.Tests.Support;

namespace SolarHub.Protocol.Jk.Tests.Bus;

/// <summary>After damaged traffic the scanner must find its feet again without losing the next good message.</summary>
public class FrameScannerResynchronisationTests
{
    private static readonly byte[] CellFrame = RealFrames.Single("esp32-ble-v14-example-faker.yaml", "cell_info_frame2").Frame;
    private static readonly byte[] OtherCellFrame = RealFrames.Single("tests/esp32-ble-v19-example-faker.yaml", "cell_info_frame").Frame;

    /// <summary>Whole, in two halves at the damage, and one byte at a time.</summary>
    private static void ShouldReportExpected(BusScript script, int damageAt, string because)
    {
        byte[] stream = script.Bytes;
        var expected = script.Expected;
        Check(ScannerRun.Whole(stream), "whole");
        Check(ScannerRun.SplitAt(stream, damageAt), $"split at {damageAt}");
        Check(ScannerRun.OneByteAtATime(stream), "one byte at a time");

        void Check(List<ScannedEvent> actual, string feeding)
        {
            // Comparing cheaply first keeps hundreds of cases fast; the assertion explains a failure.
            if (!actual.SequenceEqual(expected)) actual.Should().Equal(expected, "{0}, fed {1}", because, feeding);
        }
    }

    [Fact]
    public void A_frame_cut_short_at_any_length_and_followed_by_a_poll_is_skipped_and_the_next_frame_delivered()
    {
        for (int kept = 1; kept < JkFrame.Length; kept++)
        {
            var script = new BusScript()
                .Poll(1, JkRegister.CellInfo)
                .Garbage(CellFrame.AsSpan(0, kept))
                .Transaction(2, OtherCellFrame);

            ShouldReportExpected(script, ModbusMessages.PollLength + kept, $"the frame was cut after {kept} bytes");
        }
    }

    [Fact]
    public void A_frame_cut_short_at_any_length_and_followed_directly_by_a_frame_is_skipped_and_the_next_frame_delivered()
    {
        for (int kept = 1; kept < JkFrame.Length; kept++)
        {
            var script = new BusScript()
                .Garbage(CellFrame.AsSpan(0, kept))
                .Frame(OtherCellFrame, attributedTo: 4)
                .Acknowledgement(4, JkRegister.CellInfo);

            ShouldReportExpected(script, kept, $"the frame was cut after {kept} bytes");
        }
    }

    [Theory]
    [InlineData(297)]
    [InlineData(298)]
    [InlineData(299)]
    public void A_frame_cut_a_few_bytes_short_whose_splice_passes_the_checksum_does_not_swallow_the_next_header(int kept)
    {
        // Found by bench fuzz (seeds 1203 and 4711): the 300 bytes from the cut frame's header end inside the next
        // frame's header, and pass the one-byte sum once in 256; the next frame was lost. One byte of the cut frame is
        // set so that the splice passes.
        var cut = CellFrame[..kept];
        byte[] splice = [.. cut, .. OtherCellFrame.AsSpan(0, JkFrame.Length - kept)];
        cut[100] += (byte)(splice[^1] - JkChecksum.Compute(splice.AsSpan(0, JkFrame.Length - 1)));
        JkChecksum.IsValid([.. cut, .. OtherCellFrame]).Should().BeTrue("the splice must pass the checksum for this case to mean anything");

        var script = new BusScript()
            .Garbage(cut)
            .Frame(OtherCellFrame, attributedTo: 4)
            .Acknowledgement(4, JkRegister.CellInfo);

        ShouldReportExpected(script, kept, $"the frame was cut after {kept} bytes");
    }

    [Fact]
    public void A_cut_frame_whose_splice_with_the_next_frame_passes_the_checksum_is_still_cut_at_the_next_header()
    {
        // The one-byte sum accepts about one splice in 256; with these two captures, cutting after 37 bytes is one.
        int kept = Enumerable.Range(JkFrame.Header.Length, 290)
            .First(k => JkChecksum.IsValid([.. CellFrame.AsSpan(0, k), .. OtherCellFrame]));
        kept.Should().Be(37);

        var script = new BusScript()
            .Poll(1, JkRegister.CellInfo)
            .Garbage(CellFrame.AsSpan(0, kept))
            .Frame(OtherCellFrame, attributedTo: 1)
            .Acknowledgement(1, JkRegister.CellInfo);

        ShouldReportExpected(script, ModbusMessages.PollLength + kept, "the splice adds up but holds a frame header");
    }

    [Fact]
    public void A_frame_damaged_at_any_byte_after_the_header_is_reported_as_corrupt_and_the_next_frame_is_fine()
    {
        for (int at = JkFrame.Header.Length; at < JkFrame.Length; at++)
        {
            byte[] damaged = [.. CellFrame];
            damaged[at] ^= 0x04;
            var script = new BusScript()
                .Poll(1, JkRegister.CellInfo)
                .Frame(damaged, attributedTo: 1, checksumValid: false)
                .Acknowledgement(1, JkRegister.CellInfo)
                .Transaction(2, OtherCellFrame);

            ShouldReportExpected(script, ModbusMessages.PollLength + at, $"byte {at} was damaged");
        }
    }

    [Fact]
    public void A_frame_with_a_damaged_header_is_skipped_as_noise()
    {
        for (int at = 0; at < JkFrame.Header.Length; at++)
        {
            byte[] damaged = [.. CellFrame];
            damaged[at] ^= 0x04;
            var script = new BusScript()
                .Poll(1, JkRegister.CellInfo)
                .Garbage(damaged)
                .Acknowledgement(1, JkRegister.CellInfo)
                .Transaction(2, OtherCellFrame);

            ShouldReportExpected(script, ModbusMessages.PollLength + at, $"header byte {at} was damaged");
        }
    }

    [Fact]
    public void A_damaged_poll_or_acknowledgement_is_skipped_as_noise()
    {
        byte[] poll = ModbusMessages.Poll(1, JkRegister.CellInfo);
        byte[] ack = ModbusMessages.Acknowledgement(1, JkRegister.CellInfo);
        for (int at = 0; at < poll.Length; at++)
        {
            byte[] damagedPoll = [.. poll];
            damagedPoll[at] ^= 0x20;
            byte[] damagedAck = [.. ack];
            damagedAck[at % ack.Length] ^= 0x20;
            var script = new BusScript()
                .Garbage(damagedPoll)
                .Frame(CellFrame, attributedTo: null)
                .Garbage(damagedAck)
                .Transaction(2, OtherCellFrame);

            ShouldReportExpected(script, at, $"byte {at} of the poll and byte {at % ack.Length} of the acknowledgement were damaged");
        }
    }

    [Fact]
    public void Bytes_glued_to_a_frame_by_a_BLE_gateway_are_discarded_and_the_frame_kept()
    {
        // Three captures carry extra bytes after the frame: "AT\r\n", a BLE command echo, and the start of the next frame.
        foreach (var capture in RealFrames.All.Where(f => !f.IsExactly300Bytes))
        {
            var script = new BusScript()
                .Poll(3, JkRegister.ForFrameType(capture.Type))
                .Frame(capture.Frame, attributedTo: 3)
                .Garbage(capture.Bytes.AsSpan(JkFrame.Length));

            ShouldReportExpected(script, JkFrame.Length, $"{capture} has {capture.Length - JkFrame.Length} extra bytes");
        }
    }
}

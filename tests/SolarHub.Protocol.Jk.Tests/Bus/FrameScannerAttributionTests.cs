using SolarHub.Protocol.Jk.Bus;
using SolarHub.Protocol.Jk.Tests.Support;

namespace SolarHub.Protocol.Jk.Tests.Bus;

/// <summary>A data frame carries no address: the scanner attributes it from the poll before it or the acknowledgement after it.</summary>
public class FrameScannerAttributionTests
{
    private static readonly byte[] CellFrame = RealFrames.Single("esp32-ble-v14-example-faker.yaml", "cell_info_frame2").Frame;
    private static readonly byte[] OtherCellFrame = RealFrames.Single("tests/esp32-ble-v19-example-faker.yaml", "cell_info_frame").Frame;

    /// <summary>The script's expectation, whole and one byte at a time (attribution must not depend on chunking).</summary>
    private static void ShouldReportExpected(BusScript script)
    {
        ScannerRun.Whole(script.Bytes).Should().Equal(script.Expected);
        ScannerRun.OneByteAtATime(script.Bytes).Should().Equal(script.Expected);
    }

    [Fact]
    public void A_frame_caught_mid_bus_without_its_poll_is_attributed_from_the_acknowledgement_after_it()
    {
        var script = new BusScript()
            .Garbage(OtherCellFrame.AsSpan(180)) // the tail of a frame: the scanner started listening mid-frame
            .Frame(CellFrame, attributedTo: 5)
            .Acknowledgement(5, JkRegister.CellInfo)
            .Transaction(6, OtherCellFrame);

        ShouldReportExpected(script);
    }

    [Fact]
    public void A_frame_with_neither_poll_nor_acknowledgement_stays_unattributed()
    {
        var script = new BusScript()
            .Frame(CellFrame, attributedTo: null)
            .Poll(7, JkRegister.CellInfo)
            .Frame(OtherCellFrame, attributedTo: 7);

        ShouldReportExpected(script);
    }

    [Fact]
    public void A_missing_pack_does_not_stall_attribution_of_the_next()
    {
        var script = new BusScript()
            .Transaction(1, CellFrame)
            .Poll(2, JkRegister.CellInfo) // pack 2 is dead: no answer
            .Transaction(3, OtherCellFrame)
            .Poll(2, JkRegister.CellInfo)
            .Poll(4, JkRegister.CellInfo)
            .Frame(CellFrame, attributedTo: 4)
            .Acknowledgement(4, JkRegister.CellInfo);

        ShouldReportExpected(script);
    }

    [Fact]
    public void Noise_between_a_poll_and_its_answer_does_not_lose_the_attribution()
    {
        // The acknowledgement is lost too, so only the poll can attribute the frame.
        var script = new BusScript()
            .Poll(9, JkRegister.CellInfo)
            .LineNoise()
            .Frame(CellFrame, attributedTo: 9)
            .LineNoise()
            .Transaction(10, OtherCellFrame);

        ShouldReportExpected(script);
    }

    [Fact]
    public void An_acknowledgement_closes_the_transaction_so_a_later_stray_frame_is_not_given_the_old_poll()
    {
        var script = new BusScript()
            .Poll(1, JkRegister.CellInfo)
            .Garbage(CellFrame.AsSpan(0, 120)) // pack 1's answer was cut short
            .Acknowledgement(1, JkRegister.CellInfo)
            .Frame(OtherCellFrame, attributedTo: null);

        ShouldReportExpected(script);
    }

    [Fact]
    public void Polls_and_acknowledgements_report_their_address_and_register()
    {
        var script = new BusScript();
        foreach (ushort register in (ushort[])[JkRegister.CellInfo, JkRegister.Settings, JkRegister.DeviceInfo])
            for (byte address = 0; address < 16; address++)
                script.Poll(address, register).Acknowledgement(address, register);

        ShouldReportExpected(script);
    }

    [Fact]
    public void Each_pack_of_a_bank_gets_its_own_frames()
    {
        var frames = RealFrames.All.Where(f => f.IsExactly300Bytes && f.Layout == JkLayout.JK02_32S).Take(16).ToList();
        var script = new BusScript();
        for (byte address = 0; address < frames.Count; address++)
            script.Transaction(address, frames[address].Frame);

        var events = ScannerRun.Whole(script.Bytes);

        var attributed = events.Where(e => e.Kind == BusEventKind.DataFrame).Select(e => (e.Address, e.FrameHex)).ToList();
        attributed.Should().Equal(frames.Select((f, i) => ((byte)i, (string?)Convert.ToHexString(f.Frame))));
    }
}

using SolarHub.Protocol.Jk.Checksums;
using SolarHub.Protocol.Jk.Tests.Support;

namespace SolarHub.Protocol.Jk.Tests;

/// <summary>The captured frames themselves: if these fail, every test built on them is meaningless.</summary>
public class RealFrameDataTests
{
    public static TheoryData<RealFrame> AllFrames => RealFrames.Where(_ => true);

    [Fact]
    public void The_data_file_holds_every_capture_with_its_stated_length()
    {
        RealFrames.All.Should().HaveCount(45);
        RealFrames.All.Should().OnlyContain(f => f.Bytes.Length == f.Length);
        RealFrames.All.Count(f => f.IsExactly300Bytes).Should().Be(42);
    }

    [Theory]
    [MemberData(nameof(AllFrames))]
    public void Every_real_frame_has_the_header_and_a_valid_checksum(RealFrame frame)
    {
        JkFrame.StartsWithHeader(frame.Bytes).Should().BeTrue();
        JkChecksum.IsValid(frame.Bytes).Should().BeTrue();
        JkChecksum.Compute(frame.Bytes.AsSpan(0, 299)).Should().Be(frame.Bytes[299]);
    }

    [Theory]
    [MemberData(nameof(AllFrames))]
    public void The_kind_column_agrees_with_the_type_byte(RealFrame frame) =>
        frame.Kind.Should().Be($"jk02-type{(byte)frame.Type:D2}");

    [Theory]
    [MemberData(nameof(AllFrames))]
    public void No_real_frame_holds_another_complete_message(RealFrame frame)
    {
        // The scanner relies on this to tell a spliced frame (cut short, next message after it) from a real one.
        var bytes = frame.Frame.AsSpan();
        bytes[1..].IndexOf(JkFrame.Header).Should().Be(-1);
        for (int start = 1; start + 8 <= bytes.Length; start++)
        {
            var m = bytes[start..];
            bool ack = m[1] == 0x10 && ReferenceChecksums.ModbusCrc16(m[..6]) == (m[6] | m[7] << 8);
            bool poll = m.Length >= 11 && m[1] == 0x10 && ReferenceChecksums.ModbusCrc16(m[..9]) == (m[9] | m[10] << 8);
            (ack || poll).Should().BeFalse("no CRC-valid poll or acknowledgement starts at byte {0}", start);
        }
    }
}


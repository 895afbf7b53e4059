using SolarHub.Protocol.Jk.Decoding;
using SolarHub.Protocol.Jk.Tests.Support;

namespace SolarHub.Protocol.Jk.Tests.Decoding;

/// <summary>A decoder must refuse any frame damaged in transit: one changed byte anywhere changes the sum.</summary>
public class CorruptedFrameTests
{
    public static TheoryData<RealFrame> AllFrames => RealFrames.Where(_ => true);

    [Theory]
    [MemberData(nameof(AllFrames))]
    public void Changing_any_single_byte_makes_every_decoder_refuse_the_frame(RealFrame frame)
    {
        var failures = new List<string>();
        byte[] corrupted = frame.Frame;
        for (int i = 0; i < JkFrame.Length; i++)
            foreach (byte change in (byte[])[0x01, 0x80, 0xFF])
            {
                corrupted[i] ^= change;
                var expected = i < JkFrame.Header.Length ? DecodeStatus.NotAFrame : DecodeStatus.ChecksumMismatch;

                var cells = CellInfoDecoder.TryDecode(corrupted, JkLayout.JK02_32S, out var cellInfo);
                var settings = SettingsDecoder.TryDecode(corrupted, JkLayout.JK02_32S, out var settingsInfo);
                var device = DeviceInfoDecoder.TryDecode(corrupted, out var deviceInfo);
                if (cells != expected || settings != expected || device != expected)
                    failures.Add($"byte {i} ^ 0x{change:X2}: cell info {cells}, settings {settings}, device info {device}");
                if (!cellInfo.Equals(default(CellInfo)) || !settingsInfo.Equals(default(Settings)) || !deviceInfo.Equals(default(DeviceInfo)))
                    failures.Add($"byte {i} ^ 0x{change:X2}: a refused frame left decoded values behind");

                corrupted[i] ^= change;
            }
        failures.Should().BeEmpty();
    }

    [Theory]
    [MemberData(nameof(AllFrames))]
    public void A_frame_cut_short_is_not_a_frame(RealFrame frame)
    {
        for (int length = 0; length < JkFrame.Length; length += 37)
        {
            var cut = frame.Bytes.AsSpan(0, length);
            CellInfoDecoder.TryDecode(cut, JkLayout.JK02_32S, out _).Should().Be(DecodeStatus.NotAFrame);
            SettingsDecoder.TryDecode(cut, JkLayout.JK02_32S, out _).Should().Be(DecodeStatus.NotAFrame);
            DeviceInfoDecoder.TryDecode(cut, out _).Should().Be(DecodeStatus.NotAFrame);
        }
        CellInfoDecoder.TryDecode(frame.Bytes.AsSpan(0, 299), JkLayout.JK02_32S, out _).Should().Be(DecodeStatus.NotAFrame);
    }
}

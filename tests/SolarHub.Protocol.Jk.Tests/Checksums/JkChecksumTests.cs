using CsCheck;
using SolarHub.Protocol.Jk.Checksums;
using SolarHub.Protocol.Jk.Tests.Support;

namespace SolarHub.Protocol.Jk.Tests.Checksums;

public class JkChecksumTests
{
    [Fact]
    public void Vectorised_sum_equals_a_naive_sum_for_every_length_and_content() =>
        // Lengths around the vector width exercise the vector loop, the lane reduction and the scalar tail.
        Gen.Byte.Array[0, 700].Sample(data => JkChecksum.Compute(data) == ReferenceChecksums.JkSum(data), iter: 500);

    [Fact]
    public void Sum_wraps_modulo_256()
    {
        byte[] allFf = Enumerable.Repeat((byte)0xFF, 299).ToArray();
        JkChecksum.Compute(allFf).Should().Be((byte)(299 * 255 % 256));
    }

    [Fact]
    public void Append_makes_a_frame_valid_and_a_change_makes_it_invalid()
    {
        byte[] frame = new byte[JkFrame.Length];
        new Random(7).NextBytes(frame);
        JkChecksum.Append(frame);
        JkChecksum.IsValid(frame).Should().BeTrue();

        frame[150] ^= 0x01;
        JkChecksum.IsValid(frame).Should().BeFalse();
    }

    [Fact]
    public void Fewer_than_300_bytes_are_never_a_valid_frame()
    {
        byte[] frame = RealFrames.All[0].Frame;
        JkChecksum.IsValid(frame.AsSpan(0, 299)).Should().BeFalse();
        JkChecksum.IsValid([]).Should().BeFalse();
    }
}

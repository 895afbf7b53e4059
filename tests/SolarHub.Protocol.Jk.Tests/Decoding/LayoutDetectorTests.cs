using System.Text;
using SolarHub.Protocol.Jk.Decoding;

namespace SolarHub.Protocol.Jk.Tests.Decoding;

public class LayoutDetectorTests
{
    [Theory]
    [InlineData("19H", JkLayout.JK02_32S)]
    [InlineData("11.XW", JkLayout.JK02_32S)]
    [InlineData("14.XA", JkLayout.JK02_32S)]
    [InlineData("15A", JkLayout.JK02_32S)]
    [InlineData("10.XW", JkLayout.JK02_24S)]
    [InlineData("8.X", null)]
    [InlineData("6.X", null)]
    [InlineData("", null)]
    [InlineData("V19", null)]
    public void Hardware_version_picks_the_layout(string hardware, JkLayout? expected) =>
        LayoutDetector.FromHardwareVersion(Encoding.ASCII.GetBytes(hardware)).Should().Be(expected);

    [Fact]
    public void A_NUL_padded_field_reads_like_its_text()
    {
        byte[] field = [(byte)'1', (byte)'0', (byte)'.', (byte)'X', (byte)'W', 0, 0, 0];
        LayoutDetector.FromHardwareVersion(field).Should().Be(JkLayout.JK02_24S);
    }
}

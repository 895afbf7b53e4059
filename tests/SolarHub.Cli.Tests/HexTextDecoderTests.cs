using SolarHub.Cli.Capture;

namespace SolarHub.Cli.Tests;

public class HexTextDecoderTests
{
    [Theory]
    [InlineData("55 AA:eb-90,0x01 0X0203", "55AAEB9001 0203")]
    [InlineData("000x0A", "000A")]
    [InlineData("0x0x10", "10")]
    [InlineData("10", "10")]
    public void Text_cut_into_pieces_anywhere_decodes_as_a_whole(string text, string expected)
    {
        var bytes = Convert.FromHexString(expected.Replace(" ", ""));
        for (int cut = 0; cut <= text.Length; cut++)
        {
            var decoder = new HexTextDecoder();
            var output = new byte[HexTextDecoder.MaxBytes(text.Length) * 2];
            int written = decoder.Decode(text.AsSpan(0, cut), output, final: false);
            written += decoder.Decode(text.AsSpan(cut), output.AsSpan(written), final: true);

            decoder.Error.Should().BeNull($"cut at {cut}");
            output[..written].Should().Equal(bytes, $"cut at {cut}");
        }
    }

    [Theory]
    [InlineData("55 AA x1", "invalid hex: 'x' at position 7 is not a hex digit")]
    [InlineData("55AAE", "invalid hex: odd number of digits (5)")]
    [InlineData(" :-, ", "no hex digits given")]
    [InlineData("0x", "no hex digits given")]
    public void Errors_name_the_position_in_the_whole_text_whatever_the_pieces(string text, string error)
    {
        for (int cut = 0; cut <= text.Length; cut++)
        {
            var decoder = new HexTextDecoder();
            var output = new byte[text.Length];
            int written = decoder.Decode(text.AsSpan(0, cut), output, final: false);
            decoder.Decode(text.AsSpan(cut), output.AsSpan(written), final: true);

            decoder.Error.Should().Be(error, $"cut at {cut}");
        }
    }
}

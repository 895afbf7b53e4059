namespace SolarHub.Configuration.Tests.Validation;

/// <summary>The one way user-supplied text reaches a terminal: control characters visible, huge values cut.</summary>
public class PrintableTextTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("Bänk 🔋", "Bänk 🔋")]
    [InlineData("a\u001b[31mred", "a\\u001b[31mred")]
    [InlineData("tab\there", "tab\\u0009here")]
    [InlineData("del\u007f", "del\\u007f")]
    [InlineData("rtl\u202e", "rtl\\u202e")]
    [InlineData("back\\slash", "back\\slash")]
    public void Escape_shows_what_would_not_print_as_itself(string text, string shown)
    {
        PrintableText.Escape(text).Should().Be(shown);
        PrintableText.Escape(shown).Should().Be(shown, "escaping twice changes nothing");
    }

    [Fact]
    public void A_lone_surrogate_is_escaped_and_a_pair_is_not()
    {
        PrintableText.Escape("lone" + '\udc00').Should().Be("lone\\udc00");
        PrintableText.Escape("pair 🔋").Should().Be("pair 🔋");
    }

    [Fact]
    public void Quote_cuts_a_long_value_and_says_its_length()
    {
        PrintableText.Quote("house").Should().Be("'house'");
        PrintableText.Quote(new string('a', 41)).Should().Be($"'{new string('a', 40)}…' (41 characters)");
    }

    [Fact]
    public void A_cut_never_splits_a_surrogate_pair()
    {
        var text = new string('a', 39) + "🔋" + "tail";

        PrintableText.Short(text).Should().Be(new string('a', 39) + "…");
    }
}

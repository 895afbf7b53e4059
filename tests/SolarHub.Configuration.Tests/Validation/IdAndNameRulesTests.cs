using SolarHub.Configuration.Validation;

namespace SolarHub.Configuration.Tests.Validation;

/// <summary>Ids are ASCII words unique ignoring case; names are printable Unicode of bounded length; both named in errors.</summary>
public class IdAndNameRulesTests
{
    private static AdapterConfig Tcp(string id, string host = "gw", int priority = 1) => new(id, AdapterProtocol.JkPassive, new TcpTransport(host, 8899), priority);

    private static BankConfig Bank(string id, string? name = null, params AdapterConfig[] adapters) =>
        new(id, name ?? id, [new PackConfig(1)], adapters.Length > 0 ? adapters : [Tcp("gw", host: $"gw-{id}")]);

    private static IReadOnlyList<ConfigError> Errors(params BankConfig[] banks) => HubConfigValidator.Validate(new HubConfig(banks, []));

    [Theory]
    [InlineData("house")]
    [InlineData("bank-1")]
    [InlineData("North_2.b")]
    [InlineData("7")]
    [InlineData("a234567890123456789012345678901234567890123456789012345678901234")]
    public void Ids_of_ascii_letters_digits_dash_underscore_and_dot_up_to_64_are_accepted(string id)
    {
        Errors(Bank(id, "Name", Tcp(id))).Should().BeEmpty();
    }

    [Theory]
    [InlineData("house ", "a space")]
    [InlineData(" house", "a space")]
    [InlineData("a/b", "'/'")]
    [InlineData("../../etc", "'.'")]
    [InlineData("-x", "'-'")]
    [InlineData("bank\u001b[31m", "'\\u001b'")]
    [InlineData("caf\u00e9", "'\u00e9'")]
    public void A_bank_id_outside_the_rules_is_an_error_naming_the_field_and_the_character(string id, string shown)
    {
        var error = Errors(Bank(id, "Name")).Should().ContainSingle().Subject;

        error.Path.Should().EndWith("].id");
        error.Message.Should().Contain($"{shown}").And.Contain("is not a bank id").And.Contain(IdSyntax.Rule);
        error.ToString().Should().NotContain("\u001b", "a rejected value is never printed raw");
    }

    [Fact]
    public void An_id_of_65_characters_is_too_long()
    {
        var error = Errors(Bank(new string('a', 65), "Name")).Should().ContainSingle().Subject;

        error.Message.Should().Be($"'{new string('a', 40)}…' (65 characters) is too long for a bank id ({IdSyntax.Rule})");
    }

    [Fact]
    public void Bank_ids_that_differ_only_in_case_collide_and_the_error_names_both()
    {
        var error = Errors(Bank("house"), Bank("House")).Should().ContainSingle().Subject;

        error.Should().Be(new ConfigError(0, 0, "banks[House].id",
            "bank id 'House' is the id of bank 'house' in other letters (ids are compared ignoring case)"));
    }

    [Fact]
    public void Adapter_ids_of_a_bank_that_differ_only_in_case_collide()
    {
        var error = Errors(Bank("b", "B", Tcp("gw"), Tcp("GW", host: "other", priority: 2))).Should().ContainSingle().Subject;

        error.Path.Should().Be("banks[b].adapters[GW].id");
        error.Message.Should().Contain("'GW'").And.Contain("'gw'");
    }

    [Fact]
    public void An_adapter_id_with_a_slash_is_refused()
    {
        var error = Errors(Bank("b", "B", Tcp("usb/0"))).Should().ContainSingle().Subject;

        error.Path.Should().Be("banks[b].adapters[usb/0].id");
        error.Message.Should().StartWith("'usb/0' is not an adapter id: '/' is not allowed");
    }

    [Fact]
    public void A_huge_name_is_refused_and_the_error_quotes_only_its_start_and_says_its_length()
    {
        var huge = new string('x', 10 * 1024 * 1024);

        var error = Errors(Bank("house", huge)).Should().ContainSingle().Subject;

        error.Path.Should().Be("banks[house].name");
        error.Message.Should().Be($"'{new string('x', 40)}…' ({huge.Length} characters) is too long for a bank name (at most 100 characters)");
    }

    [Theory]
    [InlineData("House\u001b[2J", "\\u001b")]
    [InlineData("line\nbreak", "\\u000a")]
    [InlineData("C1\u009b", "\\u009b")]
    [InlineData("evil\u202egnp.exe", "\\u202e")]
    public void A_name_with_a_control_character_is_refused_and_the_character_is_shown_escaped(string name, string escaped)
    {
        var error = Errors(Bank("house", name)).Should().ContainSingle().Subject;

        error.Path.Should().Be("banks[house].name");
        error.Message.Should().Contain(escaped);
        PrintableText.HasUnsafe(error.ToString()).Should().BeFalse();
    }

    [Theory]
    [InlineData("Maison d'été")]
    [InlineData("Garage 🔋")]
    [InlineData(" spaced ")]
    [InlineData("")]
    public void Names_are_any_printable_unicode(string name)
    {
        Errors(Bank("house", name)).Should().BeEmpty();
    }

    [Fact]
    public void Lookalike_ids_cannot_be_written_and_a_lone_surrogate_is_no_name()
    {
        // Composed and decomposed "é" would be two ids that look the same: ids are ASCII, so neither is one.
        IdSyntax.Problem("caf\u00e9", "bank").Should().Contain("'\u00e9' is not allowed");
        IdSyntax.Problem("cafe\u0301", "bank").Should().Contain("'\\u0301' is not allowed");
        DisplayName.Problem("lone \ud800", "bank").Should().Contain("\\ud800");
    }
}

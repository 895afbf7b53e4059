using SolarHub.Configuration.Legacy;

namespace SolarHub.Configuration.Tests.Legacy;

/// <summary>Text that is not YAML, or not the shape of a config file, gives one located error.</summary>
public class MalformedYamlTests
{
    [Fact]
    public void A_duplicate_key_is_one_error_at_the_second_key()
    {
        var error = LegacyConfigReader.Read("""
            battery_banks:
              - id: b
                id: c
                adapter: {type: jkbms_tcpip, host: gw, port: 8899}
            """).Errors.Should().ContainSingle().Subject;

        error.Line.Should().Be(3);
        error.Message.Should().Contain("Duplicate key");
    }

    [Fact]
    public void Bad_indentation_is_one_error_with_its_line()
    {
        var result = LegacyConfigReader.Read("battery_banks:\n  - id: b\n    adapter:\n      type: jkbms_tcpip\n     host: gw\n");

        result.Errors.Should().ContainSingle().Which.Line.Should().Be(5);
    }

    [Fact]
    public void An_unclosed_quote_is_one_error()
    {
        var result = LegacyConfigReader.Read("battery_banks:\n  - id: \"b\n");

        result.Errors.Should().ContainSingle().Which.Message.Should().StartWith("not valid YAML");
        result.IsValid.Should().BeFalse();
    }

    [Fact]
    public void An_empty_file_is_an_error()
    {
        LegacyConfigReader.Read("").Errors.Should().ContainSingle().Which.Message.Should().Contain("empty");
    }

    [Fact]
    public void A_list_at_top_level_is_an_error()
    {
        var error = LegacyConfigReader.Read("- id: b\n").Errors.Should().ContainSingle().Subject;

        error.Line.Should().Be(1);
        error.Message.Should().Contain("not a mapping of sections");
    }

    [Fact]
    public void A_second_document_is_an_error()
    {
        LegacyConfigReader.Read("""
            battery_banks:
              - id: b
                adapter: {type: jkbms_tcpip, host: gw, port: 8899}
            ---
            battery_banks: []
            """).Errors.Should().ContainSingle().Which.Line.Should().Be(5);
    }

    [Fact]
    public void The_source_name_given_is_shown_in_errors()
    {
        LegacyConfigReader.Read("a: [", "/etc/solarhub/config.yaml").Errors.Single().ToString()
            .Should().StartWith("/etc/solarhub/config.yaml:");
    }
}

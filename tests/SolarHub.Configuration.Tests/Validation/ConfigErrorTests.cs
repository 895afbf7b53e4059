using SolarHub.Configuration.Validation;

namespace SolarHub.Configuration.Tests.Validation;

/// <summary>The text users see: compiler style when located, shorter when not.</summary>
public class ConfigErrorTests
{
    [Fact]
    public void A_located_error_reads_file_line_column_path_message()
    {
        new ConfigError(12, 7, "battery_banks[bank-1].adapters[adapter-1].port", "70000 is not a TCP port (1-65535)", "config.yaml").ToString()
            .Should().Be("config.yaml:12:7: battery_banks[bank-1].adapters[adapter-1].port: 70000 is not a TCP port (1-65535)");
    }

    [Fact]
    public void An_error_not_from_a_file_is_path_and_message()
    {
        new ConfigError(0, 0, "banks[b].packs", "no pack").ToString().Should().Be("banks[b].packs: no pack");
    }

    [Fact]
    public void An_error_about_the_whole_source_has_no_path()
    {
        new ConfigError(3, 1, "", "not valid YAML", "config.yaml").ToString().Should().Be("config.yaml:3:1: not valid YAML");
    }
}

using SolarHub.Configuration.Legacy;

namespace SolarHub.Configuration.Tests.Legacy;

/// <summary>
/// Hostile nesting is an error naming the problem, not a crash: building YAML's node tree recurses once per level, and
/// a stack overflow cannot be caught (30,000 nested [ in 60 KB killed config validate, import and run --config).
/// </summary>
public class NestingDepthTests
{
    private const string Bank = """
        battery_banks:
          - id: bank-1
            adapters:
              - adapter: {type: jkbms_tcpip, host: gw, port: 8899}
        """;

    [Theory]
    [InlineData("flow sequences", "inverters: ", "[", 30_000, 5)]
    [InlineData("flow mappings", "inverters: ", "{a: ", 30_000, 5)]
    [InlineData("block sequences on one line", "inverters:\n  ", "- ", 20_000, 6)]
    public void Thousands_of_nested_levels_are_one_error_at_the_level_past_the_limit(string shape, string start, string level, int levels, int line)
    {
        var result = LegacyConfigReader.Read(Bank + "\n" + start + string.Concat(Enumerable.Repeat(level, levels)) + "x\n");

        result.IsValid.Should().BeFalse(shape);
        result.Errors.Should().ContainSingle()
            .Which.Message.Should().Be($"nested more than {LegacyConfigReader.MaxDepth} levels deep: a config.yaml has a few (a runaway [ or {{ ?); nothing read");
        result.Errors[0].Line.Should().Be(line, "the error points into the runaway section");
    }

    [Fact]
    public void Nesting_up_to_the_limit_in_an_ignored_section_is_read()
    {
        // The root mapping and the section's value take two levels.
        var deep = string.Concat(Enumerable.Repeat("[", LegacyConfigReader.MaxDepth - 2)) + string.Concat(Enumerable.Repeat("]", LegacyConfigReader.MaxDepth - 2));

        var result = LegacyConfigReader.Read(Bank + "\ninverters: " + deep + "\n");

        result.IsValid.Should().BeTrue(string.Join("; ", result.Errors));
        result.Config.IgnoredSections.Should().Contain("inverters");
    }
}

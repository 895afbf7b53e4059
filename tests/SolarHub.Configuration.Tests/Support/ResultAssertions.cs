using SolarHub.Configuration.Legacy;
using SolarHub.Configuration.Validation;

namespace SolarHub.Configuration.Tests.Support;

/// <summary>Finds the one error a test is about, by the path the user would read.</summary>
internal static class ResultAssertions
{
    public static ConfigError SingleErrorAt(this LegacyConfigResult result, string path)
    {
        result.IsValid.Should().BeFalse();
        return result.Errors.Should().ContainSingle(e => e.Path == path,
            $"one error at {path} was expected; got:\n{string.Join("\n", result.Errors)}").Subject;
    }

    public static LegacyConfigResult ShouldBeValid(this LegacyConfigResult result)
    {
        result.Errors.Should().BeEmpty($"the file is valid; got:\n{string.Join("\n", result.Errors)}");
        result.IsValid.Should().BeTrue();
        return result;
    }
}

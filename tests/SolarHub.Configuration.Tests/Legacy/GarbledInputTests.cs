using SolarHub.Configuration.Legacy;
using SolarHub.Configuration.Tests.Support;
using SolarHub.Configuration.Validation;

namespace SolarHub.Configuration.Tests.Legacy;

/// <summary>Whatever a user's editor leaves in the file, the reader answers with located errors, never an exception.</summary>
public class GarbledInputTests
{
    private const string YamlishCharacters = "-:{}[],#'\"\n  abc019.~&*!|>?%@`\t";

    [Theory]
    [InlineData("two-adapter-bank.yaml")]
    [InlineData("full-python-hub.yaml")]
    [InlineData("deprecated-single-bank.yaml")]
    [InlineData("many-errors.yaml")]
    public void Randomly_edited_sample_files_never_throw_and_every_error_has_a_line(string sample)
    {
        var original = File.ReadAllText(SampleFiles.PathOf(sample));
        var random = new Random(sample.Length);  // fixed seed: a failure replays
        for (var attempt = 0; attempt < 500; attempt++)
        {
            var garbled = Garble(original, random);

            var act = () => LegacyConfigReader.Read(garbled);

            var result = act.Should().NotThrow($"the text was:\n{garbled}").Subject;
            result.Errors.Where(e => e.Line < 1).Should().BeEmpty($"the text was:\n{garbled}");
            if (result.IsValid)
                HubConfigValidator.Validate(result.Config).Should().BeEmpty("a valid result must be a valid model");
        }
    }

    private static string Garble(string text, Random random)
    {
        var chars = text.ToList();
        for (var edit = 0; edit < 1 + random.Next(4); edit++)
        {
            var at = random.Next(chars.Count);
            switch (random.Next(3))
            {
                case 0: chars[at] = YamlishCharacters[random.Next(YamlishCharacters.Length)]; break;
                case 1: chars.RemoveAt(at); break;
                default: chars.Insert(at, YamlishCharacters[random.Next(YamlishCharacters.Length)]); break;
            }
        }
        return new string(chars.ToArray());
    }
}

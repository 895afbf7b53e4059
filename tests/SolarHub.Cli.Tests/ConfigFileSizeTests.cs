namespace SolarHub.Cli.Tests;

/// <summary>A configuration file too large to read is refused before it is read: one line naming the limit, exit 2.</summary>
public class ConfigFileSizeTests
{
    [Theory]
    [InlineData("validate")]
    [InlineData("import")]
    public async Task A_file_over_the_limit_is_refused_naming_the_limit(string verb)
    {
        var folder = Directory.CreateTempSubdirectory("solarhub-large-").FullName;
        var path = Path.Combine(folder, "config.yaml");
        await using (var file = File.Create(path)) file.SetLength(40L * 1024 * 1024); // sparse: no 40 MB written
        try
        {
            var outcome = await CliProcess.RunAsync(["config", verb, path, "--database", Path.Combine(folder, "solarhub.db")], timeout: TimeSpan.FromSeconds(60));

            outcome.ExitCode.Should().Be(2);
            outcome.StdErr.Should().Contain("40 MB").And.Contain("up to 32 MB").And.NotContain(" at ");
            outcome.StdErr.Trim().Split('\n').Should().HaveCountLessThan(3);
        }
        finally { Directory.Delete(folder, recursive: true); }
    }
}

namespace SolarHub.Cli.Tests.Api;

/// <summary><c>solarhub run --api-token-file</c> refuses to start on a token file it cannot use, naming it.</summary>
public sealed class ApiTokenFileTests
{
    [Fact]
    public async Task A_missing_token_file_starts_nothing()
    {
        var path = Path.Combine(Path.GetTempPath(), $"solarhub-no-token-{Guid.NewGuid():N}");

        var outcome = await CliProcess.RunAsync(["run", "--api-token-file", path, "--duration", "00:00:05", "--urls", "http://127.0.0.1:0"]);

        outcome.ExitCode.Should().Be(2);
        outcome.StdErr.Should().Contain(path).And.Contain("no such file");
    }

    [Fact]
    public async Task An_empty_token_file_starts_nothing()
    {
        var path = Path.Combine(Path.GetTempPath(), $"solarhub-empty-token-{Guid.NewGuid():N}");
        await File.WriteAllTextAsync(path, "  \n");
        try
        {
            var outcome = await CliProcess.RunAsync(["run", "--api-token-file", path, "--duration", "00:00:05", "--urls", "http://127.0.0.1:0"]);
            outcome.ExitCode.Should().Be(2);
            outcome.StdErr.Should().Contain(path).And.Contain("empty");
        }
        finally { File.Delete(path); }
    }
}

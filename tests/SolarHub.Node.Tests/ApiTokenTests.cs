using Akka.Actor;
using SolarHub.Node.Api;

namespace SolarHub.Node.Tests;

public sealed class ApiTokenTests
{
    [Fact]
    public async Task The_token_comes_from_the_options_first_then_from_hocon()
    {
        using var system = ActorSystem.Create("token-test", "solarhub.api.token = \"from-hocon\"");
        try
        {
            var fromHocon = new ApiToken(new ApiOptions(), system);
            var fromOptions = new ApiToken(new ApiOptions { Token = "from-file" }, system);

            fromHocon.IsConfigured.Should().BeTrue();
            fromHocon.Matches("from-hocon").Should().BeTrue();
            fromHocon.Matches("from-file").Should().BeFalse();
            fromOptions.Matches("from-file").Should().BeTrue();
            fromOptions.Matches("from-hocon").Should().BeFalse();
            fromOptions.Matches(null).Should().BeFalse();
            fromOptions.Matches("from-fil").Should().BeFalse();
        }
        finally { await system.Terminate(); }
    }

    [Fact]
    public async Task An_empty_token_is_no_token()
    {
        using var system = ActorSystem.Create("token-test", "solarhub.api.token = \"\"");
        try
        {
            var token = new ApiToken(new ApiOptions { Token = "   " }, system);
            token.IsConfigured.Should().Be(Environment.GetEnvironmentVariable(ApiToken.EnvironmentVariable) is { Length: > 0 });
            token.Matches("").Should().BeFalse();
        }
        finally { await system.Terminate(); }
    }
}

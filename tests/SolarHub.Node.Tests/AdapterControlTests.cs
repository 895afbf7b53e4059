using System.Net;
using SolarHub.Node.Tests.Support;

namespace SolarHub.Node.Tests;

/// <summary>State-changing endpoints on the node with a token: 401 without or with a wrong token, 404 naming what is unknown, effect with the right one.</summary>
[Collection(HealthyNodeCollection.Name)]
public sealed class AdapterControlTests(HealthyNodeFixture fixture)
{
    private const string Token = HealthyNodeFixture.Token;
    private ApiNode Node => fixture.Node;

    [Theory]
    [InlineData("POST", "activate")]
    [InlineData("DELETE", "activate")]
    [InlineData("POST", "disable")]
    [InlineData("POST", "enable")]
    public async Task Without_the_right_bearer_token_nothing_changes_and_the_answer_is_401(string method, string action)
    {
        var path = $"/api/banks/shed/adapters/right/{action}";
        var (missing, missingBody) = await Node.SendAsync(new HttpMethod(method), path);
        var (wrong, wrongBody) = await Node.SendAsync(new HttpMethod(method), path, token: "not-the-token");

        missing.Should().Be(HttpStatusCode.Unauthorized);
        missingBody!["error"]!.GetValue<string>().Should().Contain("missing bearer token");
        wrong.Should().Be(HttpStatusCode.Unauthorized);
        wrongBody!["error"]!.GetValue<string>().Should().Be("wrong bearer token");
        var stored = await Node.StoredConfigAsync();
        stored.Config.Banks.Single(b => b.Id == "shed").Adapters.Should().OnlyContain(a => a.Enabled);
    }

    [Fact]
    public async Task Unknown_bank_or_adapter_is_404_naming_it()
    {
        var (noBank, noBankBody) = await Node.SendAsync(HttpMethod.Post, "/api/banks/attic/adapters/right/activate", Token);
        var (noAdapter, noAdapterBody) = await Node.SendAsync(HttpMethod.Post, "/api/banks/shed/adapters/middle/activate", Token);
        var (noAdapterDisable, noAdapterDisableBody) = await Node.SendAsync(HttpMethod.Post, "/api/banks/shed/adapters/middle/disable", Token);

        noBank.Should().Be(HttpStatusCode.NotFound);
        noBankBody!["error"]!.GetValue<string>().Should().Be("no bank 'attic'");
        noAdapter.Should().Be(HttpStatusCode.NotFound);
        noAdapterBody!["error"]!.GetValue<string>().Should().Be("no adapter 'middle' in bank 'shed'");
        noAdapterDisable.Should().Be(HttpStatusCode.NotFound);
        noAdapterDisableBody!["error"]!.GetValue<string>().Should().Be("no adapter 'middle' in bank 'shed'");
    }

    [Fact]
    public async Task Forcing_an_adapter_active_switches_to_it_and_pins_it_until_released()
    {
        await fixture.ShedSettledAsync();
        string active = (await Node.GetJsonAsync("/api/banks/shed"))["activeAdapter"]!.GetValue<string>();
        string other = active == "left" ? "right" : "left";

        var (status, body) = await Node.SendAsync(HttpMethod.Post, $"/api/banks/shed/adapters/{other}/activate", Token);
        try
        {
            status.Should().Be(HttpStatusCode.OK, body?.ToJsonString());
            body!["adapterId"]!.GetValue<string>().Should().Be(other);
            var forced = await Node.GetJsonAsync("/api/banks/shed");
            forced["activeAdapter"]!.GetValue<string>().Should().Be(other);
            forced["forcedAdapter"]!.GetValue<string>().Should().Be(other);
            var failover = forced["failovers"]!.AsArray()[0]!;
            (failover["from"]!.GetValue<string>(), failover["to"]!.GetValue<string>()).Should().Be((active, other));
            failover["reason"]!.GetValue<string>().Should().Contain("forced active by an operator");
        }
        finally
        {
            var (released, _) = await Node.SendAsync(HttpMethod.Delete, $"/api/banks/shed/adapters/{other}/activate", Token);
            released.Should().Be(HttpStatusCode.OK);
        }
        (await Node.GetJsonAsync("/api/banks/shed"))["forcedAdapter"].Should().BeNull();
    }

    [Fact]
    public async Task Disabling_an_adapter_goes_through_the_store_and_applies_live_enabling_restores_it()
    {
        await fixture.ShedSettledAsync();

        var (status, body) = await Node.SendAsync(HttpMethod.Post, "/api/banks/shed/adapters/right/disable", Token);
        try
        {
            status.Should().Be(HttpStatusCode.OK, body?.ToJsonString());
            body!["stored"]!.GetValue<bool>().Should().BeTrue();
            (await Node.StoredConfigAsync()).Config.Banks.Single(b => b.Id == "shed").Adapters.Single(a => a.Id == "right").Enabled.Should().BeFalse();
            await Node.PollAsync("/api/banks/shed", b => b["adapters"]!.AsArray().Any(a =>
                a!["id"]!.GetValue<string>() == "right" && !a["enabled"]!.GetValue<bool>() && a["state"]!.GetValue<string>() == "Stopped"),
                "showed the adapter disabled and stopped");
        }
        finally
        {
            var (enabled, enabledBody) = await Node.SendAsync(HttpMethod.Post, "/api/banks/shed/adapters/right/enable", Token);
            enabled.Should().Be(HttpStatusCode.OK, enabledBody?.ToJsonString());
        }
        (await Node.StoredConfigAsync()).Config.Banks.Single(b => b.Id == "shed").Adapters.Should().OnlyContain(a => a.Enabled);
        await fixture.ShedSettledAsync();
    }

    [Fact]
    public async Task A_401_says_in_its_challenge_whether_the_token_was_missing_or_invalid()
    {
        using var missing = await Node.Http.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/banks/shed/adapters/right/enable"));
        using var wrong = await Node.Http.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/banks/shed/adapters/right/enable")
        {
            Headers = { Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "not-the-token") },
        });

        missing.Headers.WwwAuthenticate.ToString().Should().Be("Bearer realm=\"solarhub\"");
        wrong.Headers.WwwAuthenticate.ToString().Should().Be("Bearer realm=\"solarhub\", error=\"invalid_token\", error_description=\"wrong bearer token\"");
    }
}

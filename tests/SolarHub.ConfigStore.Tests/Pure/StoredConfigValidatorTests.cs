using SolarHub.Configuration;

namespace SolarHub.ConfigStore.Tests.Pure;

/// <summary>A change is refused for the problems it adds, not for those a configuration stored under older rules already had.</summary>
public sealed class StoredConfigValidatorTests
{
    private static BankConfig Bank(string id, string host) =>
        new(id, id, [new PackConfig(1)], [new AdapterConfig("gw", AdapterProtocol.JkPassive, new TcpTransport(host, 8899))]);

    // What an older SolarHub stored: two bank ids that differ only in case.
    private static readonly HubConfig Stored = new([Bank("house", "10.0.0.1"), Bank("House", "10.0.0.2")], []);

    [Fact]
    public void The_stored_problems_are_still_reported_in_full()
    {
        StoredConfigValidator.Validate(Stored).Should().ContainSingle().Which.Path.Should().Be("banks[House].id");
    }

    [Fact]
    public void A_change_that_adds_no_problem_is_accepted_on_top_of_them()
    {
        StoredConfigValidator.ValidateChange(Stored, Stored with { Banks = [.. Stored.Banks, Bank("garage", "10.0.0.3")] }).Should().BeEmpty();
    }

    [Fact]
    public void A_change_that_adds_a_problem_is_refused_for_that_problem_only()
    {
        var errors = StoredConfigValidator.ValidateChange(Stored, Stored with { Banks = [.. Stored.Banks, Bank("HOUSE", "10.0.0.3")] });

        errors.Select(e => e.Path).Should().Equal("banks[HOUSE].id");
    }
}

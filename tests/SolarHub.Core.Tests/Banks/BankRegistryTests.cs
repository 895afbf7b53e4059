using Akka.Actor;
using SolarHub.Configuration;
using SolarHub.Core.Banks;
using SolarHub.Core.Configuration;
using SolarHub.Core.Tests.Support;

namespace SolarHub.Core.Tests.Banks;

/// <summary>The registry routes envelopes by bank id (adapters never connect here: their transports never open).</summary>
public sealed class BankRegistryTests : Akka.TestKit.Xunit2.TestKit
{
    private readonly FakeTransports _transports = new();

    public BankRegistryTests() : base("akka.loglevel = WARNING") { }

    protected override void Dispose(bool disposing)
    {
        _transports.Dispose();
        base.Dispose(disposing);
    }

    private static BankConfig Bank(string id) => new(id, $"Bank {id}", [new PackConfig(1)],
        [new AdapterConfig($"{id}-adapter", AdapterProtocol.JkPassive, new TcpTransport("127.0.0.1", 1))]);

    [Fact]
    public void Envelopes_reach_the_bank_they_name_and_an_unknown_bank_is_reported()
    {
        var registry = Sys.ActorOf(BankRegistry.Props(new HubConfig([Bank("shed"), Bank("garage")], []), _ => BankTimings.Default,
            AdapterSettings.Default, _transports.Create));

        registry.Tell(GetBankIds.Instance);
        ExpectMsg<BankIds>().Ids.Should().Equal("garage", "shed");

        registry.Tell(new BankEnvelope("shed", GetBankSnapshot.Instance));
        var shed = ExpectMsg<BankSnapshot>();
        (shed.Id, shed.Name).Should().Be(("shed", "Bank shed"));
        shed.Adapters.Should().ContainSingle().Which.Id.Should().Be("shed-adapter");

        registry.Tell(new BankEnvelope("garage", GetBankSnapshot.Instance));
        ExpectMsg<BankSnapshot>().Id.Should().Be("garage");

        registry.Tell(new BankEnvelope("attic", GetBankSnapshot.Instance));
        ExpectMsg<BankNotFound>().BankId.Should().Be("attic");
    }
}

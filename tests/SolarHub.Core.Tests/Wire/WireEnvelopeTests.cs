using SolarHub.Core.Banks;
using SolarHub.Core.Wire;

namespace SolarHub.Core.Tests.Wire;

/// <summary>An envelope's message is carried by whichever serializer Akka binds to it.</summary>
[Collection(WireCollection.Name)]
public sealed class WireEnvelopeTests(WireNode node)
{
    public static TheoryData<string> Messages => new() { "snapshot", "config", "force" };

    [Theory]
    [MemberData(nameof(Messages))]
    public void An_envelope_carries_a_bank_message(string which)
    {
        object inner = which switch
        {
            "snapshot" => GetBankSnapshot.Instance,
            "config" => new ApplyBankConfig(WireSamples.Bank()),
            "force" => new ForceActiveAdapter("gw-2"),
            _ => throw new ArgumentOutOfRangeException(nameof(which)),
        };

        var restored = (BankEnvelope)node.RoundTrip(new BankEnvelope("bank-1", inner));

        restored.BankId.Should().Be("bank-1");
        restored.Message.Should().BeOfType(inner.GetType()).And.BeEquivalentTo(inner, o => o.RespectingRuntimeTypes());
        if (inner is GetBankSnapshot) restored.Message.Should().BeSameAs(GetBankSnapshot.Instance);
    }

    [Fact]
    public void An_envelope_carries_a_message_of_another_serializer()
    {
        // A string goes through Akka's own serializers, not the wire's: the envelope names whichever one wrote it.
        node.System.Serialization.FindSerializerFor("hello").Should().NotBeOfType<WireSerializer>();

        var restored = (BankEnvelope)node.RoundTrip(new BankEnvelope("bank-1", "hello"));

        restored.Message.Should().Be("hello");
    }

    [Fact]
    public void An_envelope_in_an_envelope_round_trips()
    {
        var nested = new BankEnvelope("outer", new BankEnvelope("inner", new SetAdapterEnabled("gw-1", true)));

        var restored = node.RoundTrip(nested);

        restored.Should().BeEquivalentTo(nested, o => o.RespectingRuntimeTypes());
    }
}

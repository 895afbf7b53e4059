using System.Runtime.Serialization;
using System.Text;
using SolarHub.Core.Adapters;
using SolarHub.Core.Banks;
using SolarHub.Core.Wire;

namespace SolarHub.Core.Tests.Wire;

[Collection(WireCollection.Name)]
public sealed class WireRoundTripTests(WireNode node)
{
    [Theory]
    [MemberData(nameof(WireSamples.Names), MemberType = typeof(WireSamples))]
    public void Every_wire_type_round_trips_through_akka_serialization(string name)
    {
        WireTypes.TryGet(name, out var row).Should().BeTrue();
        var message = WireSamples.For(row.Type);

        var restored = node.RoundTrip(message);

        restored.Should().BeOfType(row.Type);
        restored.Should().BeEquivalentTo(message, o => o.RespectingRuntimeTypes());
        if (row.Singleton is not null) restored.Should().BeSameAs(row.Singleton, "a message without data is read back as its one instance");
        Akka.Serialization.Serialization.ManifestFor(node.System.Serialization.FindSerializerFor(message), message).Should().Be(name);
    }

    [Fact]
    public void An_actor_reference_arrives_as_the_same_actor()
    {
        var bank = node.System.ActorOf(Akka.Actor.Props.Empty, "wire-bank");
        var message = new StartAdapterHere("bank-1", WireSamples.Bank().Adapters[0], WireSamples.Bank().Packs, bank, Urgent: false, Attempt: 1);

        var restored = (StartAdapterHere)node.RoundTrip(message);

        restored.Bank.Should().Be(bank);
        restored.Bank.Path.Uid.Should().Be(bank.Path.Uid);
    }

    [Fact]
    public void Names_and_types_are_unique()
    {
        WireTypes.Rows.Select(r => r.Name).Should().OnlyHaveUniqueItems();
        WireTypes.Rows.Select(r => r.Type).Should().OnlyHaveUniqueItems();
        WireTypes.All.Should().Equal(WireTypes.Rows.Select(r => r.Type));
    }

    [Fact]
    public void A_stopwatch_timestamp_arrives_as_zero()
    {
        var reading = WireSamples.Reading(1, receivedTimestamp: 987_654_321);

        var restored = (PackReadingReceived)node.RoundTrip(reading);

        restored.ReceivedTimestamp.Should().Be(0, "a Stopwatch timestamp means nothing in another process");
        restored.Should().BeEquivalentTo(reading with { ReceivedTimestamp = 0 });
    }

    [Fact]
    public void Derived_configuration_values_are_not_sent()
    {
        var message = new ApplyBankConfig(WireSamples.Bank());
        var serializer = node.System.Serialization.FindSerializerFor(message);

        var json = Encoding.UTF8.GetString(serializer.ToBinary(message));

        json.Should().Contain("\"$kind\":\"tcp\"").And.Contain("\"$kind\":\"serial\"").And.Contain("\"node\":\"node-b\"");
        json.Should().NotContain("failoverOrder").And.NotContain("effectivePollTimeout");
    }

    [Fact]
    public void An_unknown_manifest_is_refused_by_name()
    {
        var serializer = (WireSerializer)node.System.Serialization.FindSerializerFor(GetBankSnapshot.Instance);

        var act = () => serializer.FromBinary("{}"u8.ToArray(), "bank-teleport");

        act.Should().Throw<SerializationException>().WithMessage("*bank-teleport*");
    }

    [Fact]
    public void A_type_outside_the_table_is_refused()
    {
        var serializer = (WireSerializer)node.System.Serialization.FindSerializerFor(GetBankSnapshot.Instance);

        var act = () => serializer.Manifest("just a string");

        act.Should().Throw<SerializationException>().WithMessage("*String*WireTypes*");
    }
}

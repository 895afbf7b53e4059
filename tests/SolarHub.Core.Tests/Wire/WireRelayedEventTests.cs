using System.Text;
using SolarHub.Core.Telemetry;

namespace SolarHub.Core.Tests.Wire;

/// <summary>A relayed bank event carries each of the bank events (and the alert events), inline (no base64 of a nested serializer).</summary>
[Collection(WireCollection.Name)]
public sealed class WireRelayedEventTests(WireNode node)
{
    public static TheoryData<string> Events => new() { "pack", "bank", "adapter", "failover", "alarm", "alert-raised", "alert-cleared" };

    private static object Sample(string which) => which switch
    {
        "pack" => WireSamples.For(typeof(PackTelemetry)),
        "bank" => WireSamples.For(typeof(BankTelemetry)),
        "adapter" => WireSamples.For(typeof(AdapterStateChanged)),
        "failover" => WireSamples.For(typeof(FailoverOccurred)),
        "alarm" => WireSamples.For(typeof(BankAlarm)),
        "alert-raised" => WireSamples.For(typeof(SolarHub.Core.Alerts.AlertRaised)),
        "alert-cleared" => WireSamples.For(typeof(SolarHub.Core.Alerts.AlertCleared)),
        _ => throw new ArgumentOutOfRangeException(nameof(which)),
    };

    [Theory]
    [MemberData(nameof(Events))]
    public void A_relayed_event_round_trips_with_its_origin_node(string which)
    {
        var inner = Sample(which);

        var restored = (RelayedBankEvent)node.RoundTrip(new RelayedBankEvent("n2", inner));

        restored.Node.Should().Be("n2");
        restored.Event.Should().BeOfType(inner.GetType()).And.BeEquivalentTo(inner, o => o.RespectingRuntimeTypes());
    }

    [Fact]
    public void The_inner_event_travels_as_plain_json()
    {
        var relayed = new RelayedBankEvent("n2", Sample("alarm"));
        var serializer = node.System.Serialization.FindSerializerFor(relayed);

        var json = Encoding.UTF8.GetString(serializer.ToBinary(relayed));

        json.Should().Contain("\"type\":\"bank-alarm\"").And.Contain("\"pack 3 stale\"");
    }
}

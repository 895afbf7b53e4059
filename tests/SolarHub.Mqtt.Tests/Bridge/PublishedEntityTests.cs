using System.Text;
using SolarHub.Core.Telemetry;
using SolarHub.Mqtt.Bridge;
using SolarHub.Mqtt.Connection;
using static SolarHub.Mqtt.Tests.Bridge.Samples;

namespace SolarHub.Mqtt.Tests.Bridge;

public class PublishedEntityTests
{
    private static readonly TimeSpan StaleAfter = TimeSpan.FromSeconds(2);

    private readonly PublishedEntity<PackTelemetry> _pack = new() { Topics = new EntityTopics("s/state", "s/availability") };
    private readonly List<MqttMessage> _sent = [];

    private List<(string Topic, string Payload, bool Retain)> Say(DateTimeOffset now)
    {
        _sent.Clear();
        _pack.Say(p => p.Stale, p => Encoding.UTF8.GetBytes(p.Stale ? "stale" : "fresh"), now, StaleAfter, _sent.Add);
        return _sent.Select(m => (m.Topic, Encoding.UTF8.GetString(m.Payload), m.Retain)).ToList();
    }

    [Fact]
    public void Nothing_is_said_of_an_entity_without_data_but_that_it_is_offline()
    {
        Say(T0).Should().Equal(("s/availability", "offline", true));
        Say(T0 + StaleAfter).Should().BeEmpty("it said so already");
    }

    [Fact]
    public void Fresh_data_is_said_before_the_entity_comes_online_and_said_once()
    {
        _pack.Update(Pack("house", 1), T0);

        Say(T0).Should().Equal(("s/state", "fresh", false), ("s/availability", "online", true));
        Say(T0 + TimeSpan.FromSeconds(1)).Should().BeEmpty("nothing changed");

        _pack.Update(Pack("house", 1), T0 + TimeSpan.FromSeconds(1));
        Say(T0 + TimeSpan.FromSeconds(1)).Should().Equal(("s/state", "fresh", false));
    }

    [Fact]
    public void Going_stale_is_said_offline_before_the_stale_state_so_old_values_never_show_as_live()
    {
        _pack.Update(Pack("house", 1), T0);
        Say(T0);

        _pack.Update(Pack("house", 1, stale: true), T0 + TimeSpan.FromSeconds(1));

        Say(T0 + TimeSpan.FromSeconds(1)).Should().Equal(("s/availability", "offline", true), ("s/state", "stale", false));
    }

    [Fact]
    public void Data_that_stops_coming_goes_offline_past_the_stale_deadline_without_a_new_state()
    {
        _pack.Update(Pack("house", 1), T0);
        Say(T0);

        Say(T0 + StaleAfter).Should().BeEmpty("exactly at the deadline it is still fresh");
        Say(T0 + StaleAfter + TimeSpan.FromMilliseconds(1)).Should().Equal(("s/availability", "offline", true));
    }

    [Fact]
    public void After_a_reconnect_everything_is_said_again()
    {
        _pack.Update(Pack("house", 1), T0);
        Say(T0);

        _pack.ForgetWhatWasSaid();

        Say(T0).Should().Equal(("s/state", "fresh", false), ("s/availability", "online", true));
    }

    [Fact]
    public void Discovery_sends_every_config_and_clears_the_ones_the_new_set_no_longer_has()
    {
        var entity = new PublishedEntity<PackTelemetry>();
        entity.Discover([MqttMessage.Text("cfg/a", "{}", retain: true), MqttMessage.Text("cfg/b", "{}", retain: true)], _sent.Add);
        _sent.Select(m => m.Topic).Should().Equal("cfg/a", "cfg/b");
        entity.DiscoveryTopics.Should().BeEquivalentTo(["cfg/a", "cfg/b"]);

        _sent.Clear();
        entity.Discover([MqttMessage.Text("cfg/a", "{}", retain: true)], _sent.Add);

        _sent.Select(m => (m.Topic, m.Payload.Length, m.Retain)).Should().Equal(("cfg/a", 2, true), ("cfg/b", 0, true));
        entity.DiscoveryTopics.Should().BeEquivalentTo(["cfg/a"]);
    }

    [Fact]
    public void A_new_broker_configuration_forgets_the_topics_and_what_was_discovered()
    {
        _pack.DiscoveryTopics.Add("cfg/a");

        _pack.ForgetBroker();

        _pack.Topics.Should().BeNull();
        _pack.DiscoveryTopics.Should().BeEmpty();
    }
}

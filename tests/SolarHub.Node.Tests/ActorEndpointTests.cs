using System.Text.Json.Nodes;
using SolarHub.Node.Tests.Support;

namespace SolarHub.Node.Tests;

[Collection(HealthyNodeCollection.Name)]
public sealed class ActorEndpointTests(HealthyNodeFixture fixture)
{
    [Fact]
    public async Task The_tree_is_the_live_hierarchy_with_the_registry_banks_adapters_and_their_connections_and_roles()
    {
        var root = await fixture.Node.GetJsonAsync("/api/actors");

        root["path"]!.GetValue<string>().Should().Be("akka://solarhub/user");
        root["name"]!.GetValue<string>().Should().Be("user");
        var all = Flatten(root).ToDictionary(n => n["path"]!.GetValue<string>()[("akka://solarhub".Length)..], n => n["role"]!.GetValue<string>());

        all["/user/solarhub-banks"].Should().Be("bank registry");
        all["/user/solarhub-banks/bank-house"].Should().Be("bank supervisor: bank house (Bank house)");
        all["/user/solarhub-banks/bank-shed"].Should().StartWith("bank supervisor: bank shed");
        all["/user/solarhub-config"].Should().Be("configuration store supervisor");
        // The node runs on a database, so it records history; the MQTT bridge waits idle for a broker to be configured.
        all["/user/solarhub-history"].Should().StartWith("history writer");
        all["/user/solarhub-history-sampler"].Should().StartWith("history sampler");
        all["/user/solarhub-mqtt"].Should().StartWith("MQTT bridge");
        all["/user/solarhub-alerts"].Should().StartWith("alert watcher");
        all["/user/solarhub-alerts/webhook"].Should().StartWith("alert webhook");
        var gwA = all.Single(p => p.Key.StartsWith("/user/solarhub-banks/bank-house/adapter-gw-a-") && !p.Key.EndsWith("/connection"));
        gwA.Value.Should().StartWith("adapter backoff supervisor: adapter gw-a");
        all[gwA.Key + "/connection"].Should().Be($"JkBusListener: adapter gw-a (tcp://127.0.0.1:{fixture.Node.Gateway("gw-a").LocalEndPoint.Port})");
        var gwB = all.Single(p => p.Key.StartsWith("/user/solarhub-banks/bank-house/adapter-gw-b-") && p.Key.EndsWith("/connection"));
        gwB.Value.Should().Be($"JkActivePoller: adapter gw-b (tcp://127.0.0.1:{fixture.Node.Gateway("gw-b").LocalEndPoint.Port})");
        all.Keys.Should().NotContain(k => k.StartsWith("/system"), "only the user hierarchy is shown");
    }

    [Fact]
    public async Task Akka_streams_actors_are_left_out_unless_all_are_asked_for()
    {
        var everything = Flatten(await fixture.Node.GetJsonAsync("/api/actors?all=true")).ToList();
        // The configuration store follows its journal with a stream: the node has such actors to leave out.
        everything.Where(IsStreams).Should().NotBeEmpty()
            .And.OnlyContain(n => n["role"]!.GetValue<string>().StartsWith("Akka.Streams"));

        var shown = Flatten(await fixture.Node.GetJsonAsync("/api/actors")).ToList();
        shown.Should().NotContain(n => IsStreams(n));
        shown.Select(n => n["path"]!.GetValue<string>()).Should().Contain("akka://solarhub/user/solarhub-config")
            .And.Contain(p => p.StartsWith("akka://solarhub/user/solarhub-config/store-"));
        // Only the streams go: the actors that own them stay.
        var owners = everything.Where(n => n["children"]!.AsArray().Any(c => IsStreams(c!)) && !IsStreams(n)).Select(n => n["path"]!.GetValue<string>()).ToList();
        owners.Should().NotBeEmpty();
        shown.Select(n => n["path"]!.GetValue<string>()).Should().Contain(owners);

        var (status, body) = await fixture.Node.SendAsync(HttpMethod.Get, "/api/actors?all=yes");
        ((int)status).Should().Be(400);
        body!["error"]!.GetValue<string>().Should().Be("all: 'yes' is not true or false");
    }

    private static bool IsStreams(JsonNode n) => n["name"]!.GetValue<string>() is var name && (name.StartsWith("StreamSupervisor-") || name.StartsWith("Flow-"));

    public static IEnumerable<JsonNode> Flatten(JsonNode node) =>
        new[] { node }.Concat(node["children"]!.AsArray().SelectMany(c => Flatten(c!)));
}

using System.Text.Json.Nodes;
using SolarHub.Cli.Tests.Api.Support;

namespace SolarHub.Cli.Tests.Api;

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
        var gwA = all.Single(p => p.Key.StartsWith("/user/solarhub-banks/bank-house/adapter-gw-a-") && !p.Key.EndsWith("/connection"));
        gwA.Value.Should().StartWith("adapter backoff supervisor: adapter gw-a");
        all[gwA.Key + "/connection"].Should().Be($"JkBusListener: adapter gw-a (tcp://127.0.0.1:{fixture.Node.Gateway("gw-a").LocalEndPoint.Port})");
        var gwB = all.Single(p => p.Key.StartsWith("/user/solarhub-banks/bank-house/adapter-gw-b-") && p.Key.EndsWith("/connection"));
        gwB.Value.Should().Be($"JkActivePoller: adapter gw-b (tcp://127.0.0.1:{fixture.Node.Gateway("gw-b").LocalEndPoint.Port})");
        all.Keys.Should().NotContain(k => k.StartsWith("/system"), "only the user hierarchy is shown");
    }

    public static IEnumerable<JsonNode> Flatten(JsonNode node) =>
        new[] { node }.Concat(node["children"]!.AsArray().SelectMany(c => Flatten(c!)));
}

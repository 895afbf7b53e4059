using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using SolarHub.ConfigStore;
using SolarHub.Configuration;
using SolarHub.Core.Hosting;
using SolarHub.Node.Api;
using SolarHub.Node.Tests.Support;
using SolarHub.Simulator;

namespace SolarHub.Node.Tests;

/// <summary>An adapter on a Modbus TCP gateway, stored live into a running node, as the API shows it.</summary>
public sealed class ModbusTcpAdapterTests
{
    [Fact]
    public async Task The_api_shows_a_modbus_tcp_adapter_s_transport_and_description_and_its_fresh_packs()
    {
        await using var node = await ApiNode.StartAsync([("cellar", 3, [("dead", true, true)])], new ApiOptions());
        await using var gateway = new ModbusTcpGatewaySimulator(new SimulatorOptions { Packs = 3, Master = false, Seed = 3 });
        gateway.Start();
        var port = gateway.LocalEndPoint.Port;
        var store = node.Services.GetRequiredService<IRequiredActor<ConfigStoreKey>>().ActorRef;
        var stored = (await node.StoredConfigAsync()).Config;
        var bank = stored.Banks.Single();
        var modbus = new AdapterConfig("mb", AdapterProtocol.JkActive, new ModbusTcpTransport("127.0.0.1", port), Priority: 2);
        (await ConfigStoreClient.ReplaceAsync(store, stored with { Banks = [bank with { Adapters = [.. bank.Adapters, modbus] }] }, "test", CancellationToken.None))
            .Should().BeOfType<ChangesAccepted>();

        var detail = await node.PollAsync("/api/banks/cellar", b => b["activeAdapter"]?.GetValue<string>() == "mb"
            && b["packs"]!.AsArray().All(p => p!["stale"]!.GetValue<bool>() == false), "the Modbus TCP adapter active with every pack fresh");

        var adapter = detail["adapters"]!.AsArray().Single(a => a!["id"]!.GetValue<string>() == "mb")!;
        adapter["transport"]!.GetValue<string>().Should().Be($"tcp+modbus://127.0.0.1:{port}");
        adapter["description"]!.GetValue<string>().Should().Be($"mb (jk-active tcp+modbus://127.0.0.1:{port}, priority 2)");
        adapter["protocol"]!.GetValue<string>().Should().Be("JkActive");
        gateway.Answers.Should().BeGreaterThanOrEqualTo(3);
    }
}

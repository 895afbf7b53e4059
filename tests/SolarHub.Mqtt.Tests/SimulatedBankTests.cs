using Akka.Actor;
using SolarHub.Configuration;
using SolarHub.Core.Banks;
using SolarHub.Core.Configuration;
using SolarHub.Mqtt.Tests.Support;
using SolarHub.Simulator;
using Xunit.Abstractions;

namespace SolarHub.Mqtt.Tests;

/// <summary>End to end on loopback: a real bank reads a simulated JK gateway, the bridge publishes it to a real mosquitto.</summary>
[Collection(BrokerTests.Name)]
public class SimulatedBankTests(ITestOutputHelper output) : BridgeTestKit(output)
{
    private static readonly BankTimings BankTimings = BankTimings.Default with
    {
        HeartbeatInterval = TimeSpan.FromMilliseconds(100),
        HeartbeatTimeout = TimeSpan.FromSeconds(1),
        DataDeadline = TimeSpan.FromSeconds(1),
        PackStaleAfter = TimeSpan.FromSeconds(2),
        CompleteSetGrace = TimeSpan.FromSeconds(1),
        TelemetryInterval = TimeSpan.FromMilliseconds(500),
    };

    [Fact]
    public async Task A_simulated_bank_is_discovered_published_live_and_a_missing_pack_turns_unavailable_and_back()
    {
        await using var gateway = new TcpGatewaySimulator(new SimulatorOptions
        {
            Packs = 3, FirstAddress = 1, Seed = 5, Master = true, PollInterval = TimeSpan.FromMilliseconds(30),
        });
        gateway.Start();
        var bank = new BankConfig("bank-1", "Garage bank", [new PackConfig(1), new PackConfig(2), new PackConfig(3)],
            [new AdapterConfig("gw", AdapterProtocol.JkPassive, new TcpTransport("127.0.0.1", gateway.LocalEndPoint.Port))]);
        StartBridge(Mqtt, bank);
        ExpectConnected();
        Sys.ActorOf(BankSupervisor.Props(bank, BankTimings, AdapterSettings.Default), "bank");

        foreach (var address in new[] { 1, 2, 3 })
            await Watcher.WaitForTextAsync($"solarhub/bank-1/pack{address}/availability", "online");
        await Watcher.WaitForTextAsync("solarhub/bank-1/availability", "online");
        var pack = (await Watcher.WaitForAsync("solarhub/bank-1/pack2/state")).Json;
        pack.GetProperty("cells").GetArrayLength().Should().Be(16);
        pack.GetProperty("voltage").GetDouble().Should().BeInRange(40, 60);
        pack.GetProperty("adapter").GetString().Should().Be("gw");
        var totals = (await Watcher.WaitForAsync("solarhub/bank-1/state", m => m.Json.GetProperty("packs_fresh").GetInt32() == 3)).Json;
        totals.GetProperty("state").GetString().Should().Be("Healthy");
        var device = (await Watcher.WaitForAsync("homeassistant/sensor/solarhub_bank-1_pack2_temperature_1/config")).Json.GetProperty("device");
        device.GetProperty("name").GetString().Should().Be("Garage bank pack 2");

        gateway.Faults.MakePackMissing(2);
        var offline = await Watcher.WaitForAsync("solarhub/bank-1/pack2/availability", m => m.Payload == "offline", within: Generous);
        Watcher.On("solarhub/bank-1/pack1/availability").Last().Payload.Should().Be("online", "the other packs are still fresh");

        gateway.Faults.RestorePack(2);
        await Watcher.WaitForAsync("solarhub/bank-1/pack2/availability", m => m.Payload == "online" && m.At > offline.At, within: Generous);
    }
}

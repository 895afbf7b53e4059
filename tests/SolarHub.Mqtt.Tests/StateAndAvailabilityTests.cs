using SolarHub.Mqtt.Tests.Support;
using Xunit.Abstractions;

namespace SolarHub.Mqtt.Tests;

/// <summary>State topics carry the latest values at most once per interval; availability follows freshness.</summary>
[Collection(BrokerTests.Name)]
public class StateAndAvailabilityTests(ITestOutputHelper output) : BridgeTestKit(output)
{
    [Fact]
    public async Task State_topics_carry_the_bank_totals_and_the_pack_values_with_cells()
    {
        StartBridge(Mqtt, House);
        ExpectConnected();
        Publish(Pack("house", 1, soc: 67, voltage: 52.875));
        Publish(Bank("house", soc: 66.5));

        var pack = (await Watcher.WaitForAsync("solarhub/house/pack1/state")).Json;
        pack.GetProperty("soc").GetInt32().Should().Be(67);
        pack.GetProperty("voltage").GetDouble().Should().Be(52.875);
        pack.GetProperty("current").GetDouble().Should().Be(-12.5);
        pack.GetProperty("cells").GetArrayLength().Should().Be(16);
        pack.GetProperty("cells")[15].GetDouble().Should().Be(3.315);
        pack.GetProperty("temperatures")[1].GetDouble().Should().Be(25.3);
        pack.GetProperty("mos_temperature").GetDouble().Should().Be(31.5);
        pack.GetProperty("discharging").GetBoolean().Should().BeTrue();
        pack.GetProperty("stale").GetBoolean().Should().BeFalse();

        var bank = (await Watcher.WaitForAsync("solarhub/house/state")).Json;
        bank.GetProperty("soc").GetDouble().Should().Be(66.5);
        bank.GetProperty("power").GetDouble().Should().Be(-1330);
        bank.GetProperty("state").GetString().Should().Be("Healthy");
        bank.GetProperty("active_adapter").GetString().Should().Be("gw");
        bank.GetProperty("cell_delta").GetDouble().Should().Be(0.015);

        await Watcher.WaitForTextAsync("solarhub/house/pack1/availability", "online");
        await Watcher.WaitForTextAsync("solarhub/house/availability", "online");
        (await Watcher.WaitForAsync("solarhub/status")).Payload.Should().Be("online");
    }

    [Fact]
    public async Task A_stale_pack_is_unavailable_until_fresh_data_comes_back_and_its_old_values_are_never_shown_as_live()
    {
        StartBridge(Mqtt, House);
        ExpectConnected();
        Publish(Pack("house", 1, soc: 70));
        var online = await Watcher.WaitForTextAsync("solarhub/house/pack1/availability", "online");

        Publish(Pack("house", 1, soc: 70, stale: true));
        var offline = await Watcher.WaitForAsync("solarhub/house/pack1/availability", m => m.Payload == "offline" && m.At >= online.At);
        offline.Retain.Should().BeTrue();
        await Watcher.WaitForAsync("solarhub/house/pack1/state", m => m.Payload.Contains("\"stale\":true"));
        // Offline is said before the stale state: nothing stale is ever published while the pack shows available.
        var sequence = Watcher.All.Where(m => m.Topic.StartsWith("solarhub/house/pack1/")).Select(m => (m.Topic, m.Payload)).ToList();
        var offlineAt = sequence.LastIndexOf(("solarhub/house/pack1/availability", "offline"));
        var firstStale = sequence.FindIndex(t => t.Topic == "solarhub/house/pack1/state" && t.Payload.Contains("\"stale\":true"));
        firstStale.Should().BeGreaterThan(offlineAt);

        var seen = Watcher.On("solarhub/house/pack1/availability").Count();
        Publish(Pack("house", 1, soc: 71));
        await Watcher.WaitForTextAsync("solarhub/house/pack1/availability", "online", after: seen);
        Watcher.Latest("solarhub/house/pack1/state")!.Json.GetProperty("soc").GetInt32().Should().Be(71);
    }

    [Fact]
    public async Task A_pack_that_stops_reporting_goes_unavailable_by_itself()
    {
        StartBridge(Mqtt, House);
        ExpectConnected();
        Publish(Pack("house", 1));
        Publish(Bank("house"));
        var online = await Watcher.WaitForTextAsync("solarhub/house/pack1/availability", "online");
        await Watcher.WaitForTextAsync("solarhub/house/availability", "online");
        var since = DateTime.UtcNow;

        // Nothing more is published (the bank actor is gone, say): the bridge's own deadline (2 s here) applies.
        var offline = await Watcher.WaitForAsync("solarhub/house/pack1/availability", m => m.Payload == "offline" && m.At > online.At);
        await Watcher.WaitForAsync("solarhub/house/availability", m => m.Payload == "offline" && m.At > online.At);
        (offline.At - since).Should().BeGreaterThan(TimeSpan.FromSeconds(1.5));
    }

    [Fact]
    public async Task A_pack_reporting_many_frames_a_second_is_published_at_most_once_per_interval_with_the_latest_values()
    {
        StartBridge(Mqtt, House);
        ExpectConnected();
        await Watcher.WaitForTextAsync("solarhub/status", "online");

        var started = DateTime.UtcNow;
        for (int i = 0; i < 50; i++)
        {
            Publish(Pack("house", 1, soc: i));
            await Task.Delay(20);
        }
        await Watcher.WaitForAsync("solarhub/house/pack1/state", m => m.Json.GetProperty("soc").GetInt32() == 49);
        var elapsed = DateTime.UtcNow - started;

        var states = Watcher.On("solarhub/house/pack1/state").ToList();
        // One per 200 ms tick at most (+2 for the tick already running and one delayed by a loaded machine); without
        // coalescing all 50 frames would be published.
        states.Count.Should().BeLessThanOrEqualTo((int)(elapsed / Timings.PublishInterval) + 2).And.BeGreaterThan(1);
    }
}

using System.Net;
using System.Text.Json.Nodes;
using SolarHub.Node.Tests.Support;

namespace SolarHub.Node.Tests;

/// <summary>GET /api/banks and /api/banks/{id} over real HTTP: field names per the contract, values from simulated packs.</summary>
[Collection(HealthyNodeCollection.Name)]
public sealed class BankEndpointTests(HealthyNodeFixture fixture)
{
    private ApiNode Node => fixture.Node;

    [Fact]
    public async Task Bank_list_has_one_summary_per_bank_with_state_active_adapter_fresh_packs_and_totals()
    {
        var banks = (await Node.GetJsonAsync("/api/banks")).AsArray();

        banks.Select(b => b!["id"]!.GetValue<string>()).Should().Equal("house", "shed");
        var house = banks[0]!.AsObject();
        house.Select(p => p.Key).Should().Contain(["id", "name", "state", "activeAdapter", "packsFresh", "packsTotal", "soc", "power", "voltage", "current"]);
        house["name"]!.GetValue<string>().Should().Be("Bank house");
        house["state"]!.GetValue<string>().Should().Be("Healthy");
        house["activeAdapter"]!.GetValue<string>().Should().Be("gw-a");
        house["packsFresh"]!.GetValue<int>().Should().Be(3);
        house["packsTotal"]!.GetValue<int>().Should().Be(3);
        house["soc"]!.GetValue<double>().Should().BeInRange(0, 100);
        house["voltage"]!.GetValue<double>().Should().BeInRange(40, 60, "16 LiFePO4 cells");
        house["power"]!.GetValue<double>().Should().BeApproximately(house["voltage"]!.GetValue<double>() * house["current"]!.GetValue<double>(), 400);
    }

    [Fact]
    public async Task Bank_detail_has_every_adapter_with_heartbeat_and_counters_every_pack_with_values_totals_and_failovers()
    {
        var bank = await Node.GetJsonAsync("/api/banks/house");

        bank["id"]!.GetValue<string>().Should().Be("house");
        bank["state"]!.GetValue<string>().Should().Be("Healthy");
        bank["activeAdapter"]!.GetValue<string>().Should().Be("gw-a");
        var adapters = bank["adapters"]!.AsArray();
        adapters.Select(a => a!["id"]!.GetValue<string>()).Should().Equal("gw-a", "gw-b");
        foreach (var adapter in adapters.Select(a => a!.AsObject()))
        {
            adapter.Select(p => p.Key).Should().Contain(["id", "description", "priority", "enabled", "active", "state", "stateReason",
                "lastHeartbeat", "lastFrameAt", "healthySince", "bytes", "frames", "checksumErrors", "restarts", "lastError"]);
            adapter["state"]!.GetValue<string>().Should().Be("Healthy");
            adapter["lastHeartbeat"]!.GetValue<DateTimeOffset>().Should().BeCloseTo(DateTimeOffset.UtcNow, TimeSpan.FromSeconds(10));
            adapter["bytes"]!.GetValue<long>().Should().BeGreaterThan(0);
            adapter["frames"]!.GetValue<long>().Should().BeGreaterThan(0);
            adapter["checksumErrors"]!.GetValue<long>().Should().Be(0);
        }
        adapters[0]!["active"]!.GetValue<bool>().Should().BeTrue();
        adapters[0]!["transport"]!.GetValue<string>().Should().Be($"tcp://127.0.0.1:{Node.Gateway("gw-a").LocalEndPoint.Port}");

        var packs = bank["packs"]!.AsArray();
        packs.Select(p => p!["address"]!.GetValue<int>()).Should().Equal(1, 2, 3);
        foreach (var pack in packs)
        {
            pack!["stale"]!.GetValue<bool>().Should().BeFalse();
            pack["updatedAt"]!.GetValue<DateTimeOffset>().Should().BeCloseTo(DateTimeOffset.UtcNow, TimeSpan.FromSeconds(10));
            var values = pack["values"]!.AsObject();
            values.Select(p => p.Key).Should().Contain(["cells", "cellMin", "cellMax", "cellDelta", "packVoltage", "current", "power", "soc", "soh"]);
            values["cells"]!.AsArray().Should().HaveCount(16);
            values["cellMax"]!.GetValue<double>().Should().BeGreaterThanOrEqualTo(values["cellMin"]!.GetValue<double>());
        }

        var totals = bank["totals"]!.AsObject();
        totals["packsFresh"]!.GetValue<int>().Should().Be(3);
        totals["voltage"]!.GetValue<double>().Should().BeInRange(40, 60);
        bank["failovers"]!.AsArray().Should().BeEmpty("house never fails over");
        bank["failoverCount"]!.GetValue<long>().Should().Be(0);
    }

    [Fact]
    public async Task Unknown_bank_is_404_naming_it()
    {
        var (status, body) = await Node.SendAsync(HttpMethod.Get, "/api/banks/attic");

        status.Should().Be(HttpStatusCode.NotFound);
        body!["error"]!.GetValue<string>().Should().Be("no bank 'attic'");
    }

    [Fact]
    public async Task Failover_history_records_reason_and_duration_newest_first()
    {
        await fixture.ShedSettledAsync();
        var before = await Node.GetJsonAsync("/api/banks/shed");
        string active = before["activeAdapter"]!.GetValue<string>();
        long count = before["failoverCount"]!.GetValue<long>();

        Node.Gateway(active).Faults.ResetConnections();

        var after = await Node.PollAsync("/api/banks/shed", b => b["failoverCount"]!.GetValue<long>() > count, "recorded the failover");
        var failover = after["failovers"]!.AsArray()[0]!.AsObject();
        failover["from"]!.GetValue<string>().Should().Be(active);
        failover["to"]!.GetValue<string>().Should().NotBe(active);
        failover["reason"]!.GetValue<string>().Should().Contain(active).And.Contain("lost its connection");
        failover["isFailback"]!.GetValue<bool>().Should().BeFalse();
        failover["durationMs"]!.GetValue<double>().Should().BeInRange(0, 5000, "the data gap: the last frame came shortly before the reset");
        failover["at"]!.GetValue<DateTimeOffset>().Should().BeCloseTo(DateTimeOffset.UtcNow, TimeSpan.FromSeconds(30));
        await fixture.ShedSettledAsync();
    }

    [Theory]
    [InlineData("/api/banks")]
    [InlineData("/api/banks/house")]
    public async Task Numbers_carry_at_most_four_decimals(string path)
    {
        var text = await fixture.Node.Http.GetStringAsync(path);

        // Averages of pack voltages came out as 52.917333333333325; no sensor measures below a tenth of a millivolt.
        var numbers = Numbers(JsonNode.Parse(text)).ToList();
        numbers.Should().NotBeEmpty();
        numbers.Where(n => n.Contains('.') && n.Split('.')[1].Length > 4).Should().BeEmpty();
    }

    private static IEnumerable<string> Numbers(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => Numbers(p.Value)),
        JsonArray a => a.SelectMany(Numbers),
        JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.Number => [v.ToJsonString()],
        _ => [],
    };
}

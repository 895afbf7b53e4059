using System.Text.Json;
using System.Text.Json.Nodes;
using SolarHub.Node.Tests.Support;

namespace SolarHub.Node.Tests;

/// <summary>
/// A pack's JSON, in /api/banks/{id} and in pack-telemetry events, carries no in-process Stopwatch timestamp: a bare
/// integer no client can interpret (times in the API are ISO 8601 strings).
/// </summary>
[Collection(HealthyNodeCollection.Name)]
public sealed class PackJsonTests(HealthyNodeFixture fixture)
{
    private ApiNode Node => fixture.Node;

    [Fact]
    public async Task Pack_values_in_the_bank_detail_have_no_bare_integer_timestamp()
    {
        var bank = await Node.GetJsonAsync("/api/banks/house");

        foreach (var pack in bank["packs"]!.AsArray())
            IntegerTimestamps(pack!["values"]!.AsObject()).Should().BeEmpty();
    }

    [Fact]
    public async Task Pack_telemetry_events_have_no_bare_integer_timestamp()
    {
        await using var stream = await EventStreamClient.OpenAsync(Node.Address, "?kinds=pack-telemetry");

        var pack = await stream.UntilAsync(e => e.Kind == "pack-telemetry", TimeSpan.FromSeconds(45));

        IntegerTimestamps(pack.Data).Should().BeEmpty();
        pack.Data["updatedAt"]!.GetValue<DateTimeOffset>().Should().BeCloseTo(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1), "its time is an ISO 8601 string");
    }

    private static List<string> IntegerTimestamps(JsonObject values) =>
        values.Where(p => p.Key.Contains("timestamp", StringComparison.OrdinalIgnoreCase) || p.Value?.GetValueKind() == JsonValueKind.Number && p.Value.GetValue<double>() > 1e12)
            .Select(p => $"{p.Key}: {p.Value}")
            .ToList();
}

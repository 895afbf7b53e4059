using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using SolarHub.Core.Banks;
using SolarHub.Node.Api;
using SolarHub.Node.Tests.Support;

namespace SolarHub.Node.Tests;

/// <summary>
/// The API writes a bank's detail with metadata generated at build time (a faster first answer after a start); the
/// text must be what reflection writes, number for number.
/// </summary>
[Collection(HealthyNodeCollection.Name)]
public sealed class ApiJsonTests(HealthyNodeFixture fixture)
{
    [Fact]
    public async Task A_bank_detail_is_written_from_generated_metadata_exactly_as_reflection_writes_it()
    {
        var api = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        ApiJson.Configure(api);
        var reflection = new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true, TypeInfoResolver = new DefaultJsonTypeInfoResolver() };
        reflection.Converters.Add(new JsonStringEnumConverter());
        reflection.Converters.Add(new RoundedNumbers());
        await fixture.Node.PollAsync("/api/banks/house", b => b["packs"]!.AsArray().All(p => p!["values"] is not null), "every pack reporting");
        string answered = await fixture.Node.Http.GetStringAsync("/api/banks/house");

        var snapshot = JsonSerializer.Deserialize<BankSnapshot>(answered, reflection)!;

        api.GetTypeInfo(typeof(BankSnapshot)).OriginatingResolver.Should().BeAssignableTo<JsonSerializerContext>("generated, not reflected");
        JsonSerializer.Serialize(snapshot, api).Should().Be(JsonSerializer.Serialize(snapshot, reflection));
        JsonSerializer.Serialize(snapshot, api).Should().Be(answered, "nothing of the answer is lost or written differently on the way");
    }
}

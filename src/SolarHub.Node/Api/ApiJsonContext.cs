using System.Text.Json;
using System.Text.Json.Serialization;
using SolarHub.Core.Banks;

namespace SolarHub.Node.Api;

/// <summary>
/// The JSON metadata of the answers a client asks for first, generated at build time: with reflection, the first
/// <c>GET /api/banks/{id}</c> after a start spent 40 ms more building it (docs/benchmarks.md, issue 15). The API's own
/// converters (<see cref="ApiJson"/>) still apply: the options it is used with decide, not these.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(BankSnapshot))]
[JsonSerializable(typeof(IEnumerable<BankEndpoints.BankSummary>))]
internal sealed partial class ApiJsonContext : JsonSerializerContext;

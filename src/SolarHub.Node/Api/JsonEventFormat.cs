using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace SolarHub.Node.Api;

/// <summary>The API's JSON settings (camelCase, enums as strings) on one line, as an SSE <c>data:</c> field needs.</summary>
public sealed class JsonEventFormat(IOptions<JsonOptions> json)
{
    private readonly JsonSerializerOptions _options = new(json.Value.SerializerOptions) { WriteIndented = false };

    public string Serialize(object record) => JsonSerializer.Serialize(record, record.GetType(), _options);
}

using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace SolarHub.Node.Api;

/// <summary>The API's JSON settings (camelCase, enums as strings) on one line, as an SSE <c>data:</c> field needs.</summary>
public sealed class JsonEventFormat(IOptions<JsonOptions> json)
{
    private readonly JsonSerializerOptions _options = new(json.Value.SerializerOptions) { WriteIndented = false };

    public string Serialize(object record) => JsonSerializer.Serialize(record, record.GetType(), _options);

    /// <summary>
    /// The record with <c>"node"</c> added last (the cluster node whose bank published it), its own fields unchanged:
    /// a client that does not know the field reads the event as before.
    /// </summary>
    public string Serialize(object record, string node)
    {
        var json = Serialize(record);
        var field = "\"node\":" + JsonSerializer.Serialize(node, _options);
        return json.Length > 2 ? string.Concat(json.AsSpan(0, json.Length - 1), ",", field, "}") : "{" + field + "}";
    }
}

using System.Text.Json;
using System.Text.Json.Serialization;

namespace SolarHub.Cli.Inspection;

/// <summary>How the node's JSON reads: web defaults (camelCase, case-insensitive) with enums as strings.</summary>
public static class NodeJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public static T Read<T>(NodeAnswer answer) where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>(answer.Body, Options)
                ?? throw new JsonException("the answer is JSON null");
        }
        catch (JsonException e)
        {
            throw new NodeAnswerException(InspectionExitCode.NodeError,
                $"the answer to GET {answer.Path} from {answer.Url} is not SolarHub's JSON ({e.Message})");
        }
    }
}

using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace SolarHub.Cli.Capture;

/// <summary>Readable text for a terminal: one block per frame, one "name  value" row per field.</summary>
public static class DecodedFrameTable
{
    public static string Render(DecodedFrame frame)
    {
        var json = DecodedFrameJson.ToJson(frame);
        var sb = new StringBuilder();
        string address = frame.Address is { } a ? $"pack {a}" : "pack ?";
        sb.AppendLine(CultureInfo.InvariantCulture,
            $"#{frame.Index} {json["type"]} ({address}, counter {frame.Counter}, {frame.Layout}{(frame.LayoutDetected ? " detected" : "")}) - {json["status"]}");
        string[] header = ["index", "offset", "address", "type", "typeCode", "counter", "layout", "layoutDetected", "checksumValid", "status"];
        int width = json.Select(p => p.Key.Length).Max();
        foreach (var (name, value) in json)
        {
            if (header.Contains(name)) continue;
            sb.Append("  ").Append(name.PadRight(width)).Append("  ").AppendLine(Format(value));
        }
        return sb.ToString();
    }

    private static string Format(JsonNode? value) => value switch
    {
        null => "-",
        JsonArray array => array.Count == 0 ? "none" : string.Join(" ", array.Select(Format)),
        _ => value.ToJsonString().Trim('"'),
    };
}

using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace SolarHub.Configuration.Legacy;

/// <summary>
/// Scalar values as the older Python hub (PyYAML, then pydantic) understood them: YAML 1.1 booleans (yes/no/on/off),
/// quoted numbers accepted as numbers.
/// </summary>
internal static class YamlScalars
{
    private static readonly string[] Nulls = ["", "~", "null", "Null", "NULL"];
    private static readonly string[] Trues = ["true", "yes", "on"];
    private static readonly string[] Falses = ["false", "no", "off"];

    /// <summary>An empty value, <c>~</c> or <c>null</c>: pydantic read these as "not given".</summary>
    public static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any } scalar && Nulls.Contains(scalar.Value ?? "");

    public static bool TryInt(YamlScalarNode node, out long value) =>
        long.TryParse((node.Value ?? "").Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);

    public static bool TryNumber(YamlScalarNode node, out double value) =>
        double.TryParse((node.Value ?? "").Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    public static bool TryBool(YamlScalarNode node, out bool value)
    {
        var text = (node.Value ?? "").Trim();
        value = Trues.Contains(text, StringComparer.OrdinalIgnoreCase);
        return value || Falses.Contains(text, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The value as the user wrote it, for messages; a mapping or list is named by its kind.</summary>
    public static string Show(YamlNode node) => node switch
    {
        YamlScalarNode scalar => PrintableText.Quote(scalar.Value ?? ""),
        YamlSequenceNode => "a list",
        YamlMappingNode => "a mapping",
        _ => "an alias",
    };
}

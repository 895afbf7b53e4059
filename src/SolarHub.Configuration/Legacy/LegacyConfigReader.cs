using SolarHub.Configuration.Validation;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;
using static SolarHub.Configuration.Legacy.LegacyKeys;

namespace SolarHub.Configuration.Legacy;

/// <summary>
/// Reads the <c>config.yaml</c> of the older Python hub: its battery banks become SolarHub's banks, its <c>mqtt:</c>
/// section the broker telemetry is published to; every other top-level section is listed as ignored. Never throws on
/// bad input: every problem becomes a located <see cref="ConfigError"/>.
/// </summary>
public static class LegacyConfigReader
{
    public const string DefaultSourceName = "config.yaml";

    /// <summary>
    /// The largest file read: 16 MB holds 100,000 banks (the most tested, docs/configuration.md); beyond this a file
    /// would take gigabytes of memory to read and store, so it is refused before it is read.
    /// </summary>
    public const long MaxFileBytes = 32L * 1024 * 1024;

    public static LegacyConfigResult ReadFile(string path)
    {
        string text;
        try
        {
            if (new FileInfo(path) is { Exists: true, Length: > MaxFileBytes } large)
                return new LegacyConfigResult(HubConfig.Empty, [], [new ConfigError(0, 0, "",
                    $"the file is {large.Length / (1024.0 * 1024):0.#} MB: SolarHub reads configuration files up to {MaxFileBytes / (1024 * 1024)} MB (about 200,000 banks)", path)], []);
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            var reason = e is FileNotFoundException or DirectoryNotFoundException ? "file not found" : $"cannot read the file: {e.Message}";
            return new LegacyConfigResult(HubConfig.Empty, [], [new ConfigError(0, 0, "", reason, path)], []);
        }
        return Read(text, path);
    }

    public static LegacyConfigResult Read(string yamlText, string sourceName = DefaultSourceName)
    {
        var diagnostics = new LegacyDiagnostics(sourceName);
        if (Load(yamlText, diagnostics) is not { } root)
            return new LegacyConfigResult(HubConfig.Empty, [], diagnostics.Errors(), diagnostics.Warnings());

        var banks = new List<LegacyBank>();
        var ignored = new List<string>();
        YamlNode? arraysSection = null;
        MqttConfig? mqtt = null;
        YamlNode? alertsSection = null;
        var bankEntries = 0;
        foreach (var (keyNode, value) in root.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { } section })
            {
                diagnostics.Error(keyNode.Start, "", $"{YamlScalars.Show(keyNode)} is not a section name");
                continue;
            }
            switch (section)
            {
                case BatteryBanks:
                    bankEntries += ReadBankList(value, banks, diagnostics);
                    break;
                case DeprecatedBatteryBank when !YamlScalars.IsNull(value):
                    diagnostics.Warning(keyNode.Start, DeprecatedBatteryBank, "deprecated: move this bank into a battery_banks: list");
                    bankEntries++;
                    if (LegacyBankReader.Read(value, null, diagnostics) is { } bank)
                        banks.Add(bank);
                    break;
                case DeprecatedBatteryBank:
                    break;
                case BatteryBankArrays:
                    arraysSection = YamlScalars.IsNull(value) ? null : value;
                    break;
                case Mqtt:
                    mqtt = LegacyMqttReader.Read(value, diagnostics);
                    break;
                case AlertsSection:
                    alertsSection = value;
                    break;
                default:
                    // Inverters, meters… belong to the older hub; say they were seen, but they are no error.
                    if (!ignored.Contains(section))
                        ignored.Add(section);
                    break;
            }
        }
        if (bankEntries == 0)
            diagnostics.Error(root.Start, BatteryBanks, "no battery bank is configured: SolarHub would have nothing to monitor");

        var bankIds = banks.Select(b => b.Config.Id).Where(id => id.Length > 0).ToHashSet(StringComparer.Ordinal);
        // Read after the banks, wherever it stands in the file: it names them.
        var alerts = alertsSection is null ? null : LegacyAlertsReader.Read(alertsSection, bankIds, diagnostics);
        var config = new HubConfig(banks.Select(b => b.Config).ToList(), ignored, Mqtt: mqtt, Alerts: alerts);
        AddValidatorFindings(config, banks, diagnostics);

        var arrays = arraysSection is null ? [] : LegacyArrayReader.Read(arraysSection, bankIds, diagnostics);
        return new LegacyConfigResult(config, arrays, diagnostics.Errors(), diagnostics.Warnings());
    }

    /// <summary>Deeper than any config.yaml needs, far below what would exhaust the stack.</summary>
    public const int MaxDepth = 64;

    /// <summary>
    /// Where the nesting first goes past <see cref="MaxDepth"/>, read with the event parser alone (no recursion), or
    /// null. Building the node tree recurses once per level: thousands of nested [ would overflow the stack, which no
    /// catch can stop.
    /// </summary>
    private static Mark? TooDeep(string yamlText)
    {
        var parser = new Parser(new StringReader(yamlText));
        int depth = 0;
        try
        {
            while (parser.MoveNext())
            {
                if (parser.Current is MappingStart or SequenceStart && ++depth > MaxDepth) return parser.Current.Start;
                if (parser.Current is MappingEnd or SequenceEnd) depth--;
            }
        }
        // Syntax errors are reported by the load that follows, with its own words.
        catch (Exception e) when (e is not OutOfMemoryException) { }
        return null;
    }

    /// <summary>The root mapping, or null with the reason reported.</summary>
    private static YamlMappingNode? Load(string yamlText, LegacyDiagnostics diagnostics)
    {
        if (TooDeep(yamlText) is { } deep)
        {
            diagnostics.Error(deep, "", $"nested more than {MaxDepth} levels deep: a config.yaml has a few (a runaway [ or {{ ?); nothing read");
            return null;
        }
        var parser = new Parser(new StringReader(yamlText));
        var stream = new YamlStream();
        try
        {
            stream.Load(parser);
        }
        catch (YamlException e)
        {
            diagnostics.Error(e.Start, "", $"not valid YAML: {e.Message}");
            return null;
        }
        // YamlDotNet throws plain exceptions on some malformed input (e.g. an unclosed flow list); bad text must never
        // crash the hub, so any of them becomes an error at the last event the parser read.
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            diagnostics.Error(parser.Current?.End ?? Mark.Empty, "", "not valid YAML: the parser could not go past this point (an unclosed [ or { ?)");
            return null;
        }

        if (stream.Documents.Count == 0)
        {
            diagnostics.Error(Mark.Empty, BatteryBanks, "the file is empty: no battery bank is configured");
            return null;
        }
        if (stream.Documents.Count > 1)
            diagnostics.Error(stream.Documents[1].RootNode.Start, "", "a second YAML document: config.yaml holds one (remove the extra ---)");

        var root = stream.Documents[0].RootNode;
        if (root is YamlMappingNode mapping)
            return mapping;
        diagnostics.Error(root.Start, "", $"{YamlScalars.Show(root)} is not a mapping of sections (battery_banks:, battery_bank_arrays:, …)");
        return null;
    }

    /// <returns>How many entries the list has, read or not.</returns>
    private static int ReadBankList(YamlNode section, List<LegacyBank> banks, LegacyDiagnostics diagnostics)
    {
        if (YamlScalars.IsNull(section))
            return 0;
        if (section is not YamlSequenceNode list)
        {
            diagnostics.Error(section.Start, BatteryBanks, $"{YamlScalars.Show(section)} is not a list of banks");
            return 1;
        }
        for (var i = 0; i < list.Children.Count; i++)
            if (LegacyBankReader.Read(list.Children[i], i, diagnostics) is { } bank)
                banks.Add(bank);
        return list.Children.Count;
    }

    /// <summary>Runs the model validator and adds its findings at their lines, except where the reader already reported the same field.</summary>
    private static void AddValidatorFindings(HubConfig config, IReadOnlyList<LegacyBank> banks, LegacyDiagnostics diagnostics)
    {
        var located = HubConfigValidator.FindIssues(config)
            .Select(issue => (Place: LegacyIssueLocator.Locate(issue.Subject, banks), issue.Message))
            .Where(x => x.Place is { } place && !diagnostics.HasErrorAt(place.Path))
            .ToList();
        foreach (var (place, message) in located)
            diagnostics.Error(place!.Value.At, place.Value.Path, message);
    }
}

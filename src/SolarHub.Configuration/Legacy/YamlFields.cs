using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace SolarHub.Configuration.Legacy;

/// <summary>
/// Typed, located access to the keys of one YAML mapping. A bad value is reported at <c>path.key</c> and read as absent,
/// so the caller goes on and every error of the file is found in one pass.
/// </summary>
internal sealed class YamlFields
{
    private readonly Dictionary<string, (YamlScalarNode Key, YamlNode Value)> _entries = new(StringComparer.Ordinal);
    private readonly LegacyDiagnostics _diagnostics;

    public YamlFields(YamlMappingNode mapping, string path, LegacyDiagnostics diagnostics)
    {
        _diagnostics = diagnostics;
        Path = path;
        Start = mapping.Start;
        foreach (var (key, value) in mapping.Children)
        {
            if (key is YamlScalarNode { Value: { } name } scalarKey)
                _entries[name] = (scalarKey, value);
            else
                diagnostics.Error(key.Start, path, $"{YamlScalars.Show(key)} is not a key name");
        }
    }

    public string Path { get; }

    public Mark Start { get; }

    public string PathOf(string key) => $"{Path}.{key}";

    /// <summary>Present with a value other than null/empty.</summary>
    public bool Has(string key) => Value(key) is not null;

    public YamlNode? Value(string key) =>
        _entries.TryGetValue(key, out var entry) && !YamlScalars.IsNull(entry.Value) ? entry.Value : null;

    /// <summary>Where to point at for this key: its value, else its key, else the whole mapping.</summary>
    public Mark MarkOf(string key) =>
        _entries.TryGetValue(key, out var entry) ? (YamlScalars.IsNull(entry.Value) ? entry.Key.Start : entry.Value.Start) : Start;

    public void Error(string key, string message) => _diagnostics.Error(MarkOf(key), PathOf(key), message);

    /// <summary>For a value below this mapping's keys, e.g. a list item.</summary>
    public void ErrorAt(Mark at, string path, string message) => _diagnostics.Error(at, path, message);

    public void Warning(string key, string message) => _diagnostics.Warning(MarkOf(key), PathOf(key), message);

    /// <summary>Reports each key outside <paramref name="known"/>: nothing the user wrote is dropped without a word.</summary>
    public void RejectUnknownKeys(IReadOnlyCollection<string> known, string what, Func<string, string?>? hint = null)
    {
        foreach (var (name, entry) in _entries)
        {
            if (known.Contains(name))
                continue;
            var extra = hint?.Invoke(name) ?? "";
            _diagnostics.Error(entry.Key.Start, PathOf(name),
                $"unknown key '{name}' in {what} (known: {string.Join(", ", known)}){extra}");
        }
    }

    /// <summary>A key's text before the mapping is read through, e.g. the id that names the entity in every path.</summary>
    public static string? PeekText(YamlMappingNode mapping, string key) =>
        mapping.Children.FirstOrDefault(c => c.Key is YamlScalarNode { Value: var name } && name == key).Value is YamlScalarNode value
        && !YamlScalars.IsNull(value) ? value.Value : null;

    public string? Text(string key)
    {
        switch (Value(key))
        {
            case null:
                return null;
            case YamlScalarNode scalar:
                return scalar.Value;
            case var other:
                Error(key, $"{YamlScalars.Show(other)} is not a text value");
                return null;
        }
    }

    /// <summary>A whole number; out of int range is reported as not a whole number of that size.</summary>
    public int? Int(string key)
    {
        var node = Value(key);
        if (node is null)
            return null;
        if (node is YamlScalarNode scalar && YamlScalars.TryInt(scalar, out var value))
        {
            if (value is >= int.MinValue and <= int.MaxValue)
                return (int)value;
            Error(key, $"{scalar.Value} is too large");
            return null;
        }
        Error(key, $"{YamlScalars.Show(node)} is not a whole number");
        return null;
    }

    public double? Number(string key)
    {
        var node = Value(key);
        if (node is null)
            return null;
        if (node is YamlScalarNode scalar && YamlScalars.TryNumber(scalar, out var value))
            return value;
        Error(key, $"{YamlScalars.Show(node)} is not a number");
        return null;
    }

    public bool? Bool(string key)
    {
        var node = Value(key);
        if (node is null)
            return null;
        if (node is YamlScalarNode scalar && YamlScalars.TryBool(scalar, out var value))
            return value;
        Error(key, $"{YamlScalars.Show(node)} is not true or false");
        return null;
    }

    /// <summary>The list under <paramref name="key"/>, or null (reported) when it is something else.</summary>
    public YamlSequenceNode? List(string key)
    {
        switch (Value(key))
        {
            case null:
                return null;
            case YamlSequenceNode list:
                return list;
            case var other:
                Error(key, $"{YamlScalars.Show(other)} is not a list");
                return null;
        }
    }
}

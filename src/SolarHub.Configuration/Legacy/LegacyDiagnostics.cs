using SolarHub.Configuration.Validation;
using YamlDotNet.Core;

namespace SolarHub.Configuration.Legacy;

/// <summary>Collects every error and warning of one read, located in the source file.</summary>
internal sealed class LegacyDiagnostics(string sourceName)
{
    private readonly List<ConfigError> _errors = [];
    private readonly List<(Mark At, string Text)> _warnings = [];
    private readonly HashSet<string> _pathsWithErrors = new(StringComparer.Ordinal);

    public void Error(Mark at, string path, string message)
    {
        var error = new ConfigError(LineOf(at), ColumnOf(at), path, message, sourceName);
        // The same finding can arrive once per pack (e.g. cells); say it once.
        if (_errors.Contains(error))
            return;
        _errors.Add(error);
        _pathsWithErrors.Add(path);
    }

    public void Warning(Mark at, string path, string message) =>
        _warnings.Add((at, DiagnosticText.Format(sourceName, LineOf(at), ColumnOf(at), path, message)));

    /// <summary>True when the reader already reported this path, so a validator finding there is a consequence, not news.</summary>
    public bool HasErrorAt(string path) => _pathsWithErrors.Contains(path);

    /// <summary>In file order, so the user can fix them top to bottom.</summary>
    public IReadOnlyList<ConfigError> Errors() => _errors.OrderBy(e => e.Line).ThenBy(e => e.Column).ToList();

    public IReadOnlyList<string> Warnings() => _warnings.OrderBy(w => w.At.Line).ThenBy(w => w.At.Column).Select(w => w.Text).ToList();

    private static int LineOf(Mark at) => (int)Math.Clamp(at.Line, 0, int.MaxValue);

    private static int ColumnOf(Mark at) => (int)Math.Clamp(at.Column, 0, int.MaxValue);
}

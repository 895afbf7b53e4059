namespace SolarHub.Configuration.Validation;

/// <summary>One thing wrong with a configuration, where it is, and why.</summary>
/// <param name="Line">1-based line in the source file; 0 when the configuration does not come from a file.</param>
/// <param name="Column">1-based column in the source file; 0 when unknown.</param>
/// <param name="Path">The entity and field, e.g. <c>battery_banks[bank-1].adapters[adapter-2].port</c>; empty for the whole source.</param>
/// <param name="Message">What is wrong, with the bad value.</param>
/// <param name="Source">The file (or other source) name shown before the line, e.g. <c>config.yaml</c>.</param>
public sealed record ConfigError(int Line, int Column, string Path, string Message, string? Source = null)
{
    /// <summary>Compiler style: <c>config.yaml:12:7: battery_banks[bank-1].adapters[adapter-1].port: 70000 is not a TCP port (1-65535)</c>.</summary>
    public override string ToString() => DiagnosticText.Format(Source, Line, Column, Path, Message);
}

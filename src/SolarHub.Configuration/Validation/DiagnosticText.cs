namespace SolarHub.Configuration.Validation;

/// <summary>The one text form of errors and warnings, so users see both the same way.</summary>
internal static class DiagnosticText
{
    public static string Format(string? source, int line, int column, string path, string message)
    {
        var where = source ?? "";
        if (line > 0)
            where += column > 0 ? $":{line}:{column}" : $":{line}";
        var parts = new[] { where, path, message }.Where(p => p.Length > 0);
        // Paths and messages quote what users wrote: never let it reach a terminal raw.
        return PrintableText.Escape(string.Join(": ", parts));
    }
}

using System.CommandLine;

namespace SolarHub.Cli.Inspection;

/// <summary>
/// The API token of the verbs that change something on a node (<c>cluster leave|down</c>): <c>--token-file</c>, else
/// <c>SOLARHUB_API_TOKEN</c>, the same sources <c>solarhub run</c> reads its own from; none: the request goes without
/// one and the node's refusal is told.
/// </summary>
public sealed class ApiTokenSource
{
    public const string EnvironmentVariable = "SOLARHUB_API_TOKEN";

    public Option<FileInfo?> File { get; } = new("--token-file")
    {
        Description = $"File holding the node's API token (what 'solarhub run --api-token-file' was given); default: ${EnvironmentVariable}.",
    };

    /// <summary>The token (null when none is given), or the error naming the unusable file.</summary>
    public bool TryRead(ParseResult pr, out string? token, out string error)
    {
        error = "";
        token = null;
        if (pr.GetValue(File) is { } file)
        {
            if (!file.Exists) { error = $"--token-file {file.FullName}: no such file"; return false; }
            token = System.IO.File.ReadAllText(file.FullName).Trim();
            if (token.Length == 0) { error = $"--token-file {file.FullName}: the file is empty"; return false; }
            return true;
        }
        token = Environment.GetEnvironmentVariable(EnvironmentVariable) is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
        return true;
    }
}

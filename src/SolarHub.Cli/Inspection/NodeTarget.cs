using System.CommandLine;
using System.Globalization;

namespace SolarHub.Cli.Inspection;

/// <summary>Which node a verb talks to and how: the options every inspection verb shares (--url, --json, --timeout).</summary>
public sealed record NodeTarget(string Url, bool Json, TimeSpan Timeout)
{
    public const string DefaultUrl = "http://127.0.0.1:5080";
    public const string UrlVariable = "SOLARHUB_URL";

    /// <summary>The shared options, new instances for each verb.</summary>
    public sealed class Options
    {
        public Option<string> Url { get; } = new("--url", "-u")
        {
            Description = $"The node's HTTP API (default: ${UrlVariable}, else {DefaultUrl}).",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable(UrlVariable) is { Length: > 0 } url ? url : DefaultUrl,
        };

        public Option<bool> Json { get; } = new("--json") { Description = "Print the node's JSON as it is, for scripts." };

        public Option<double> Timeout { get; } = new("--timeout")
        {
            Description = "Seconds to wait for the node's answer.",
            DefaultValueFactory = _ => 5,
        };

        public IEnumerable<Option> All => [Url, Json, Timeout];

        /// <summary>The target, or the error naming the bad option.</summary>
        public bool TryRead(ParseResult pr, out NodeTarget target, out string error)
        {
            var url = pr.GetValue(Url)!.Trim().TrimEnd('/');
            double seconds = pr.GetValue(Timeout);
            target = new NodeTarget(url, pr.GetValue(Json), TimeSpan.FromSeconds(Math.Max(seconds, 0.1)));
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                error = $"--url '{url}' is not an http:// or https:// address (e.g. {DefaultUrl})";
                return false;
            }
            if (seconds <= 0 || double.IsNaN(seconds))
            {
                error = $"--timeout {seconds.ToString(CultureInfo.InvariantCulture)} must be a positive number of seconds";
                return false;
            }
            error = "";
            return true;
        }
    }
}

using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace SolarHub.Dashboard.Tests;

/// <summary>
/// The committed bundle (src/SolarHub.Dashboard/wwwroot) is what <c>npm run build</c> makes of the committed sources:
/// the build records both in web/build-stamp.json, and this recomputes them the way build.mjs does, so a source changed
/// without a build, or a bundle edited by hand, fails here rather than shipping a page that is not its sources.
/// </summary>
public class BundleFreshnessTests
{
    private const string Rebuild = "run `npm ci && npm run build` in src/SolarHub.Dashboard/web and commit wwwroot/ and build-stamp.json (docs/dashboard.md)";

    private static readonly string Project = Path.Combine(RepositoryRoot(), "src", "SolarHub.Dashboard");
    private static readonly string Web = Path.Combine(Project, "web");
    private static readonly string Output = Path.Combine(Project, "wwwroot");

    [Fact]
    public void The_sources_did_not_change_since_the_bundle_was_built()
    {
        SourcesHash().Should().Be(Stamp()["sources"]!.GetValue<string>(), $"the dashboard's sources changed since its last build: {Rebuild}");
    }

    [Fact]
    public void The_bundle_is_the_one_the_build_wrote()
    {
        var recorded = Stamp()["outputs"]!.AsObject().ToDictionary(p => p.Key, p => p.Value!.GetValue<string>());
        var actual = Directory.EnumerateFiles(Output, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Relative(Output, f), f => Sha256(File.ReadAllBytes(f)));

        actual.Should().BeEquivalentTo(recorded, $"wwwroot/ must be exactly what the build wrote: {Rebuild}");
    }

    private static JsonObject Stamp() => JsonNode.Parse(File.ReadAllText(Path.Combine(Web, "build-stamp.json")))!.AsObject();

    // build.mjs's sourcesHash(): every file under src/ and the build's own files, by '/'-separated path in ordinal order.
    private static string SourcesHash()
    {
        var inputs = Directory.EnumerateFiles(Path.Combine(Web, "src"), "*", SearchOption.AllDirectories)
            .Concat(new[] { "index.html", "build.mjs", "package.json", "package-lock.json" }.Select(f => Path.Combine(Web, f)))
            .Select(f => Relative(Web, f))
            .OrderBy(p => p, StringComparer.Ordinal);
        var text = new StringBuilder();
        foreach (var path in inputs) text.Append(path).Append('\n').Append(Sha256(File.ReadAllBytes(Path.Combine(Web, path)))).Append('\n');
        return Sha256(Encoding.UTF8.GetBytes(text.ToString()));
    }

    private static string Relative(string root, string path) => Path.GetRelativePath(root, path).Replace('\\', '/');

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static string RepositoryRoot()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "SolarHub.sln"))) root = root.Parent;
        return root?.FullName ?? throw new InvalidOperationException($"no SolarHub.sln above {AppContext.BaseDirectory}");
    }
}

using System.IO.Compression;
using System.Net;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace SolarHub.Dashboard;

/// <summary>One file of the built dashboard, held in memory with its gzip form (the whole bundle is a few hundred KB).</summary>
public sealed record DashboardAsset(string Name, string ContentType, byte[] Content, byte[] Gzipped, string ETag);

/// <summary>
/// The built dashboard (wwwroot/, embedded in this assembly), read once. <c>index.html</c> gets the node's settings
/// written into it; the other files are fingerprinted by the build (<c>app-3FQ2K7LD.js</c>), so they never change
/// under their name.
/// </summary>
public sealed class DashboardAssets
{
    private const string Prefix = "wwwroot/";

    /// <summary>The placeholder in index.html that becomes the page's settings (<see cref="DashboardOptions"/>) as JSON.</summary>
    public const string SettingsPlaceholder = "%SETTINGS%";

    private readonly Dictionary<string, DashboardAsset> _assets;

    public DashboardAssets(DashboardOptions options)
    {
        var assembly = typeof(DashboardAssets).Assembly;
        _assets = assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(Prefix, StringComparison.Ordinal))
            .Select(name => Load(assembly, name, options))
            .ToDictionary(asset => asset.Name, StringComparer.Ordinal);
        Index = _assets.TryGetValue("index.html", out var index)
            ? index
            : throw new InvalidOperationException("SolarHub.Dashboard was built without wwwroot/index.html: run npm run build in src/SolarHub.Dashboard/web (docs/dashboard.md)");
    }

    public DashboardAsset Index { get; }

    /// <summary>Every file by its path under wwwroot/ (<c>index.html</c>, <c>assets/app-3FQ2K7LD.js</c>).</summary>
    public IReadOnlyDictionary<string, DashboardAsset> All => _assets;

    public DashboardAsset? Find(string name) => _assets.GetValueOrDefault(name);

    private static DashboardAsset Load(Assembly assembly, string resource, DashboardOptions options)
    {
        string name = resource[Prefix.Length..];
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        byte[] content = buffer.ToArray();
        if (name == "index.html")
        {
            string settings = JsonSerializer.Serialize(new
            {
                packStaleAfterMs = (long)options.PackStaleAfter.TotalMilliseconds,
                packStaleAfterMsByBank = options.PackStaleAfterByBank.ToDictionary(b => b.Key, b => (long)b.Value.TotalMilliseconds),
                clustered = options.Clustered,
                history = options.History,
            });
            string page = Encoding.UTF8.GetString(content).Replace(SettingsPlaceholder, WebUtility.HtmlEncode(settings), StringComparison.Ordinal);
            content = Encoding.UTF8.GetBytes(page);
        }
        return new DashboardAsset(name, ContentTypeOf(name), content, Gzip(content), $"\"{Convert.ToHexString(SHA256.HashData(content))[..16]}\"");
    }

    private static byte[] Gzip(byte[] content)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize)) gzip.Write(content);
        return output.ToArray();
    }

    private static string ContentTypeOf(string name) => Path.GetExtension(name).ToLowerInvariant() switch
    {
        ".html" => "text/html; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".svg" => "image/svg+xml",
        ".png" => "image/png",
        ".ico" => "image/x-icon",
        ".json" => "application/json; charset=utf-8",
        ".map" => "application/json; charset=utf-8",
        _ => "application/octet-stream",
    };
}

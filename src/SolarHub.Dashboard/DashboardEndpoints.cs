using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Net.Http.Headers;

namespace SolarHub.Dashboard;

/// <summary>
/// Serves the dashboard: <c>GET /</c> is the page (never cached: a new node version brings new asset names), and
/// <c>GET /assets/{file}</c> its fingerprinted files (cached for good). The page routes with the URL's fragment
/// (<c>#/banks/house</c>), so the server needs no other path and every unknown one stays the API's 404.
/// </summary>
public static class DashboardEndpoints
{
    private static readonly string[] ReadMethods = ["GET", "HEAD"];

    // The page runs only its own scripts and talks only to its node: an injected script could not send the operator's
    // token elsewhere. Inline styles stay allowed (the charts and the bars size themselves with them).
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; " +
        "frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    /// <param name="options">
    /// The page's settings; by default the <see cref="DashboardOptions"/> registered as a service (resolved at the first
    /// request, when the node's actor system runs), else the defaults.
    /// </param>
    public static IEndpointRouteBuilder MapSolarHubDashboard(this IEndpointRouteBuilder app, DashboardOptions? options = null)
    {
        var services = app.ServiceProvider;
        var assets = new Lazy<DashboardAssets>(() => new DashboardAssets(options ?? services.GetService<DashboardOptions>() ?? new DashboardOptions()));
        app.MapMethods("/", ReadMethods, (HttpContext http) =>
            {
                http.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
                return Serve(http, assets.Value.Index, "no-cache");
            })
            .ExcludeFromDescription();
        app.MapMethods("/assets/{**file}", ReadMethods, (HttpContext http, string file) =>
                assets.Value.Find("assets/" + file) is { } asset
                    ? Serve(http, asset, "public, max-age=31536000, immutable")
                    : Results.Json(new { error = $"no dashboard asset '{file}'" }, statusCode: StatusCodes.Status404NotFound))
            .ExcludeFromDescription();
        return app;
    }

    private static IResult Serve(HttpContext http, DashboardAsset asset, string cacheControl)
    {
        var response = http.Response;
        bool gzip = AcceptsGzip(http.Request);
        // Each encoding is its own representation, with its own tag (RFC 9110, 8.8.3).
        string etag = gzip ? asset.ETag.Insert(asset.ETag.Length - 1, "-gz") : asset.ETag;
        response.Headers.CacheControl = cacheControl;
        response.Headers.ETag = etag;
        response.Headers.Vary = HeaderNames.AcceptEncoding;
        response.Headers.XContentTypeOptions = "nosniff";
        if (http.Request.Headers.IfNoneMatch.Any(value => value is not null && value.Contains(etag, StringComparison.Ordinal)))
            return Results.StatusCode(StatusCodes.Status304NotModified);
        if (gzip) response.Headers.ContentEncoding = "gzip";
        return Results.Bytes(gzip ? asset.Gzipped : asset.Content, asset.ContentType);
    }

    private static bool AcceptsGzip(HttpRequest request) =>
        request.Headers.AcceptEncoding.Any(value => value is not null && value.Contains("gzip", StringComparison.OrdinalIgnoreCase));
}

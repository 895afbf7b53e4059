using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace SolarHub.Dashboard.Tests;

/// <summary>What a browser gets from MapSolarHubDashboard: the page, never cached, and its fingerprinted assets, cached for good.</summary>
public sealed partial class DashboardEndpointTests : IAsyncLifetime
{
    private WebApplication _app = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        _app.MapSolarHubDashboard(new DashboardOptions
        {
            PackStaleAfter = TimeSpan.FromSeconds(7),
            PackStaleAfterByBank = new Dictionary<string, TimeSpan> { ["slow-bus"] = TimeSpan.FromSeconds(30) },
            Clustered = true,
        });
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _http = new HttpClient(new HttpClientHandler { AutomaticDecompression = DecompressionMethods.None }) { BaseAddress = new Uri(address) };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task The_root_is_the_page_with_the_nodes_settings_and_is_never_cached()
    {
        using var response = await _http.GetAsync("/");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.ToString().Should().Be("text/html; charset=utf-8");
        response.Headers.CacheControl!.NoCache.Should().BeTrue();
        response.Headers.GetValues("Content-Security-Policy").Single().Should().Contain("script-src 'self'").And.Contain("connect-src 'self'");
        string page = await response.Content.ReadAsStringAsync();
        page.Should().Contain("&quot;packStaleAfterMs&quot;:7000").And.Contain("&quot;clustered&quot;:true")
            .And.Contain("&quot;packStaleAfterMsByBank&quot;:{&quot;slow-bus&quot;:30000}")
            .And.NotContain(DashboardAssets.SettingsPlaceholder);
        page.Should().Contain("<link rel=\"icon\"", "a browser asks for /favicon.ico otherwise, and its 404 is a console error");
    }

    [Fact]
    public async Task Every_asset_the_page_names_is_served_with_its_type_and_cached_for_good()
    {
        string page = await _http.GetStringAsync("/");
        var assets = AssetReference().Matches(page).Select(m => m.Groups[1].Value).ToList();
        assets.Should().Contain(a => a.EndsWith(".js")).And.Contain(a => a.EndsWith(".css"));

        foreach (var asset in assets)
        {
            using var response = await _http.GetAsync("/" + asset);
            response.StatusCode.Should().Be(HttpStatusCode.OK, asset);
            response.Content.Headers.ContentType!.MediaType.Should().Be(asset.EndsWith(".js") ? "text/javascript" : "text/css");
            response.Headers.CacheControl!.ToString().Should().Contain("immutable").And.Contain("max-age=31536000");
        }
    }

    [Fact]
    public async Task Assets_go_gzipped_to_a_browser_that_takes_gzip_and_answer_304_when_unchanged()
    {
        string page = await _http.GetStringAsync("/");
        string script = AssetReference().Matches(page).Select(m => m.Groups[1].Value).First(a => a.EndsWith(".js"));
        using var plain = await _http.GetAsync("/" + script);
        byte[] expected = await plain.Content.ReadAsByteArrayAsync();

        using var request = new HttpRequestMessage(HttpMethod.Get, "/" + script);
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));
        using var gzipped = await _http.SendAsync(request);
        gzipped.Content.Headers.ContentEncoding.Should().Equal("gzip");
        using var unzip = new GZipStream(await gzipped.Content.ReadAsStreamAsync(), CompressionMode.Decompress);
        using var unzipped = new MemoryStream();
        await unzip.CopyToAsync(unzipped);
        unzipped.ToArray().Should().Equal(expected);

        gzipped.Headers.ETag.Should().NotBe(plain.Headers.ETag, "the gzipped bytes are another representation");

        using var again = new HttpRequestMessage(HttpMethod.Get, "/" + script);
        again.Headers.IfNoneMatch.Add(plain.Headers.ETag!);
        using var notModified = await _http.SendAsync(again);
        notModified.StatusCode.Should().Be(HttpStatusCode.NotModified);
    }

    [Fact]
    public async Task An_unknown_asset_is_a_404_naming_it()
    {
        using var response = await _http.GetAsync("/assets/app-NOPE.js");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync()).Should().Contain("no dashboard asset 'app-NOPE.js'");
    }

    [Fact]
    public void The_whole_bundle_is_under_250_KB_gzipped()
    {
        var assets = new DashboardAssets(new DashboardOptions());

        assets.All.Values.Sum(a => a.Gzipped.Length).Should().BeLessThan(250 * 1024);
    }

    [GeneratedRegex("(?:src|href)=\"(assets/[^\"]+)\"")]
    private static partial Regex AssetReference();
}

using System.Runtime.CompilerServices;
using Microsoft.Playwright;

namespace SolarHub.Dashboard.Tests.Support;

/// <summary>
/// One headless Debian chromium for the whole collection (a browser costs a second or two; a context per test is cheap).
/// Playwright drives the installed executable, so it downloads no browser of its own. Every test runs in
/// <see cref="InTabAsync"/>: a fresh context and page, a screenshot at the end whatever happened, and no error in the
/// browser console or uncaught in the page.
/// </summary>
public sealed class Chromium : IAsyncLifetime
{
    public const string ExecutablePath = "/usr/bin/chromium";
    public static readonly ViewportSize Desktop = new() { Width = 1280, Height = 800 };
    public static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public static string ScreenshotFolder { get; } = Path.Combine(RepositoryRoot.Path, "artifacts", "screenshots");

    public async Task InitializeAsync()
    {
        // Fail, never skip: a machine without chromium must not pass the browser tests by running none.
        if (!File.Exists(ExecutablePath))
            throw new InvalidOperationException(
                $"the dashboard tests need Debian's chromium at {ExecutablePath}: apt-get install chromium (./solarhub.sh test and .ci/run install it)");
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ExecutablePath, Headless = true });
        Directory.CreateDirectory(ScreenshotFolder);
    }

    /// <summary>
    /// Opens <paramref name="route"/> of the node's dashboard in a new context, runs <paramref name="test"/>, saves
    /// artifacts/screenshots/<paramref name="name"/>.png, then asserts that the console logged no error.
    /// </summary>
    /// <param name="expectedError">Console errors the test causes on purpose (requests failing while the network is cut, a refused token).</param>
    public async Task InTabAsync(Uri node, string route, Func<DashboardTab, Task> test, ViewportSize? viewport = null,
        Func<string, bool>? expectedError = null, [CallerMemberName] string name = "")
    {
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions { BaseURL = node.ToString(), ViewportSize = viewport ?? Desktop });
        await using var tab = new DashboardTab(context, await context.NewPageAsync());
        try
        {
            await tab.Page.GotoAsync(route);
            await test(tab);
        }
        finally
        {
            await tab.ScreenshotAsync(name);
        }
        tab.Errors.Where(e => expectedError?.Invoke(e) != true).Should().BeEmpty("the dashboard must log no error in the browser console");
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
    }
}

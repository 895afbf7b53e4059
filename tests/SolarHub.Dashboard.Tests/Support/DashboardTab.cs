using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace SolarHub.Dashboard.Tests.Support;

/// <summary>A browser tab on the dashboard, with every console error and uncaught page error it saw.</summary>
public sealed class DashboardTab : IAsyncDisposable
{
    private readonly ConcurrentQueue<string> _errors = new();

    public DashboardTab(IBrowserContext context, IPage page)
    {
        Context = context;
        Page = page;
        // Playwright's own waits (clicks, fills) give up after this; assertions pass their own timeouts.
        context.SetDefaultTimeout(10_000);
        page.Console += (_, message) =>
        {
            if (message.Type == "error") _errors.Enqueue($"console error: {message.Text} (at {message.Location})");
        };
        page.PageError += (_, error) => _errors.Enqueue($"uncaught in the page: {error}");
    }

    public IBrowserContext Context { get; }
    public IPage Page { get; }
    public IReadOnlyList<string> Errors => [.. _errors];

    /// <summary>Elements by the dashboard's <c>data-testid</c>: the tests see the page only through these.</summary>
    public ILocator ByTestId(string testId) => Page.GetByTestId(testId);

    public ILocator BankTile(string bankId) => Page.Locator($"[data-testid='bank-tile'][data-bank-id='{bankId}']");

    public ILocator Pack(int address) => Page.Locator($"[data-testid='pack'][data-pack-address='{address}']");

    public ILocator AdapterRow(string adapterId) => Page.Locator($"[data-testid='adapter-row'][data-adapter-id='{adapterId}']");

    /// <summary>Saves what the tab shows now as artifacts/screenshots/<paramref name="name"/>.png.</summary>
    public Task ScreenshotAsync(string name) =>
        Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Chromium.ScreenshotFolder, name + ".png") });

    public async ValueTask DisposeAsync() => await Context.DisposeAsync();
}

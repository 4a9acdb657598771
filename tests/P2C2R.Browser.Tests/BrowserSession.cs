using Microsoft.Playwright;

namespace P2C2R.Browser.Tests;

/// <summary>
/// A headless Debian chromium driven by Playwright for one test, with a fresh profile (so a fresh
/// IndexedDB: a new gamer identity); disposed with everything it started.
/// </summary>
internal sealed class BrowserSession : IAsyncDisposable
{
    private readonly IPlaywright playwright;
    private readonly IBrowser browser;

    private BrowserSession(IPlaywright playwright, IBrowser browser, IBrowserContext context)
    {
        this.playwright = playwright;
        this.browser = browser;
        Context = context;
    }

    public IBrowserContext Context { get; }

    public static async Task<BrowserSession> StartAsync()
    {
        var playwright = await Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = Chromium.ExecutablePath,
                Headless = true,
                Args = ["--no-sandbox", "--disable-gpu"],
                Timeout = 30_000,
            });
            var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1100, Height = 900 } });
            context.SetDefaultTimeout(30_000);
            return new BrowserSession(playwright, browser, context);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Context.CloseAsync();
        await browser.CloseAsync();
        playwright.Dispose();
    }
}

namespace P2C2R.Browser.Tests;

/// <summary>
/// The operator dashboard in a real headless chromium, at a laptop's screen size, while a gamer
/// plays in another tab of the same browser: the session's tick count and tick rate and the
/// node's tasks per second, as the page shows them, move while the session runs, beside its frame
/// latency and the one node of the cluster.
/// </summary>
public sealed class DashboardTests
{
    private const string Token = "operator-secret";
    private const int TicksPerSecond = 20;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [SkippableFact]
    public async Task The_dashboard_shows_a_playing_session_whose_figures_change()
    {
        Skip.If(Chromium.WhyMissing is not null, Chromium.WhyMissing);
        await using var host = await PlayHost.StartAsync(TicksPerSecond, Token);
        await using var browser = await BrowserSession.StartAsync();
        var play = await PlayPage.OpenAsync(browser.Context, new Uri(host.Address, "/play"));
        await play.WaitForFramesAsync(3, Timeout);
        var sessionId = (await play.StateAsync()).GetProperty("sessionId").GetString()!;

        var dashboard = await DashboardPage.OpenAsync(browser.Context, host.Address, Token);
        await dashboard.WaitUntilAsync("figure(session, 'tick') > 0 && figure(session, 'fps') > 0 && figure(session, 'frameMs') > 0 && total('t-tasks') > 0 && total('t-nodes') === 1", sessionId, Timeout);
        var tick = await dashboard.SessionFigureAsync(sessionId, "tick");
        await dashboard.WaitUntilAsync($"figure(session, 'tick') >= {tick + (2 * TicksPerSecond)}", sessionId, Timeout);
        var later = await dashboard.SessionFigureAsync(sessionId, "tick");
        var fps = await dashboard.SessionFigureAsync(sessionId, "fps");
        await Screenshots.SaveAsync(dashboard.Page, "dashboard.png", fullPage: false);

        Assert.Equal(new Uri(host.Address, "/"), new Uri(dashboard.Page.Url));
        Assert.True(later > tick, $"the tick stayed at {tick}");
        Assert.InRange(fps, TicksPerSecond / 4.0, TicksPerSecond * 2.0);
        Assert.True(await dashboard.Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"),
            $"the dashboard scrolls sideways at {DashboardPage.Laptop.Width}x{DashboardPage.Laptop.Height}");
        Assert.Empty(dashboard.Errors);
        Assert.Empty(play.Errors);
    }
}

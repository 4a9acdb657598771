using P2C2R.GamerClient.Commands;
using P2C2R.Protocol.Contracts;

namespace P2C2R.Browser.Tests;

/// <summary>
/// /play in a real headless chromium against a real coordinator: the page proves a key made in
/// the browser over the edge's WebSocket, starts a session, draws its frames and sends keys; the
/// frames it decoded are the frames GamerClient's replay renders for the same ticks, bit for bit.
/// </summary>
public sealed class PlayTests
{
    private const int TicksPerSecond = 20;
    private static readonly TimeSpan FramesTimeout = TimeSpan.FromSeconds(60);

    [SkippableFact]
    public async Task The_page_draws_frames_that_change_after_a_key_and_they_are_the_frames_GamerClient_replays()
    {
        Skip.If(Chromium.WhyMissing is not null, Chromium.WhyMissing);
        await using var host = await PlayHost.StartAsync(TicksPerSecond);
        await using var browser = await BrowserSession.StartAsync();
        var play = await PlayPage.OpenAsync(browser.Context, new Uri(host.Address, "/play"));

        await play.WaitForFramesAsync(10, FramesTimeout);
        var before = await play.CanvasDigestAsync();
        await play.Page.Locator("#screen").FocusAsync();
        await play.Page.Keyboard.DownAsync("KeyW");
        var pressedAt = (await play.StateAsync()).GetProperty("frames").GetInt64();
        await play.WaitForFramesAsync(pressedAt + 2 * TicksPerSecond, FramesTimeout);
        await play.Page.Keyboard.UpAsync("KeyW");
        var after = await play.CanvasDigestAsync();
        await Screenshots.SaveAsync(play.Page, "play.png", fullPage: true);
        var state = await play.StateAsync();

        Assert.NotEqual(before, after);
        Assert.True(state.GetProperty("inputsSent").GetInt32() >= 2, $"the key press and release were not both sent: {state}");
        var (account, sessionId) = (state.GetProperty("account").GetString()!, state.GetProperty("sessionId").GetString()!);
        var (first, last, digest) = (state.GetProperty("firstTick").GetInt64(), state.GetProperty("lastTick").GetInt64(), state.GetProperty("framesDigest").GetString()!);
        Assert.Matches("^[0-9a-f]{64}$", digest);

        var log = await host.InputLogAsync(account, sessionId);
        var replay = ReplayCommand.Replay(log, first, last, null, CancellationToken.None);
        Assert.Equal(last - first + 1, replay.Frames);
        Assert.Equal(replay.FramesDigest, digest);

        // The key changed what was drawn: the same ticks without it render other frames.
        Assert.Contains(log.Keys, keys => (keys & 1) != 0);
        var unpressed = ReplayCommand.Replay(log with { Keys = new int[log.Keys.Length] }, first, last, null, CancellationToken.None);
        Assert.NotEqual(unpressed.FramesDigest, digest);
        Assert.Empty(play.Errors);
    }

    [SkippableFact]
    public async Task The_browser_keeps_its_account_and_session_and_another_browser_cannot_take_that_session()
    {
        Skip.If(Chromium.WhyMissing is not null, Chromium.WhyMissing);
        await using var host = await PlayHost.StartAsync(TicksPerSecond);
        await using var browser = await BrowserSession.StartAsync();
        var play = await PlayPage.OpenAsync(browser.Context, new Uri(host.Address, "/play"));
        await play.WaitForFramesAsync(3, FramesTimeout);
        var first = await play.StateAsync();
        var (account, sessionId) = (first.GetProperty("account").GetString()!, first.GetProperty("sessionId").GetString()!);

        await play.Page.ReloadAsync();
        await play.WaitForFramesAsync(3, FramesTimeout);
        var reloaded = await play.StateAsync();

        Assert.Matches("^[0-9a-f]{32}$", account);
        Assert.Equal(account, reloaded.GetProperty("account").GetString());
        Assert.Equal(sessionId, reloaded.GetProperty("sessionId").GetString());

        await using var stranger = await BrowserSession.StartAsync();
        var other = await PlayPage.OpenAsync(stranger.Context, new Uri(host.Address, "/play?session=" + Uri.EscapeDataString(sessionId)));
        await other.WaitForFramesAsync(3, FramesTimeout);
        var theirs = await other.StateAsync();

        Assert.NotEqual(account, theirs.GetProperty("account").GetString());
        Assert.NotEqual(sessionId, theirs.GetProperty("sessionId").GetString());
        Assert.Empty(play.Errors);
        Assert.Empty(other.Errors);
    }
}

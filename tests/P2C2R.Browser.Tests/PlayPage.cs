using System.Text.Json;
using Microsoft.Playwright;

namespace P2C2R.Browser.Tests;

/// <summary>The /play page in a browser tab, read through what it exposes on <c>window.p2c2r</c> and its canvas.</summary>
internal sealed class PlayPage
{
    private readonly PageErrors errors;

    private PlayPage(IPage page)
    {
        Page = page;
        errors = new PageErrors(page);
    }

    public IPage Page { get; }

    /// <summary>Script errors and console errors seen so far.</summary>
    public IReadOnlyList<string> Errors => errors.All;

    public static async Task<PlayPage> OpenAsync(IBrowserContext context, Uri url)
    {
        var play = new PlayPage(await context.NewPageAsync());
        await play.Page.GotoAsync(url.ToString());
        return play;
    }

    /// <summary>Waits until the page has decoded at least <paramref name="frames"/> frames of its current session.</summary>
    public async Task WaitForFramesAsync(long frames, TimeSpan timeout)
    {
        try
        {
            await Page.WaitForFunctionAsync("n => window.p2c2r !== undefined && window.p2c2r.frames >= n", frames,
                new PageWaitForFunctionOptions { Timeout = (float)timeout.TotalMilliseconds, PollingInterval = 50 });
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"the page decoded fewer than {frames} frames in {timeout.TotalSeconds} s: {await StateAsync()}; errors: {string.Join("; ", errors.All)}");
        }
    }

    /// <summary>What the page exposes, read in one go (the page's script runs between reads, never during one).</summary>
    public async Task<JsonElement> StateAsync() =>
        await Page.EvaluateAsync<JsonElement>("""
            () => { const s = window.p2c2r; return s === undefined ? {} : {
              status: s.status, account: s.account, sessionId: s.sessionId, tick: s.tick, frames: s.frames,
              firstTick: s.firstTick, lastTick: s.lastTick, framesDigest: s.framesDigest, inputsSent: s.inputsSent, error: s.error }; }
            """);

    /// <summary>A digest of the canvas's pixels as drawn (getImageData), so two reads tell whether the picture changed.</summary>
    public async Task<string> CanvasDigestAsync() =>
        await Page.EvaluateAsync<string>("""
            async () => {
              const canvas = document.getElementById('screen');
              const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
              const digest = await crypto.subtle.digest('SHA-256', pixels);
              return `${canvas.width}x${canvas.height}:` + Array.from(new Uint8Array(digest), b => b.toString(16).padStart(2, '0')).join('');
            }
            """);
}

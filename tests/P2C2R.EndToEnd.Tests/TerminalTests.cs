using System.Globalization;
using System.Text.RegularExpressions;

namespace P2C2R.EndToEnd.Tests;

/// <summary>
/// <c>GamerClient play</c> in a real terminal: tmux runs it against a real coordinator process,
/// keys are typed into the pane, and the captured picture must change with them (turning
/// changes most rows; standing still only the few where a mob or the banner moves) while the
/// status line reports the frame rate.
/// </summary>
[Collection(nameof(Simulations))]
public sealed partial class TerminalTests
{
    private const int Columns = 100;
    private const int Rows = 36;

    [SkippableFact]
    public async Task Play_draws_frames_in_tmux_turns_with_the_keys_and_reports_fps()
    {
        Skip.IfNot(Tmux.Available, "tmux is not installed: run scripts/debian-package.sh tmux 'command -v tmux' (CI does)");
        var port = ProcessSet.FreePort();
        using var processes = new ProcessSet("p2c2r-terminal-");
        using var tmux = new Tmux();
        processes.StartCoordinator(port);
        await processes.WaitForPortAsync(port, TimeSpan.FromSeconds(30));
        var gamer = Path.Combine(AppContext.BaseDirectory, "GamerClient.dll");
        var identity = Path.Combine(processes.Folder, "gamer.key");
        tmux.Start(Columns, Rows, $"cd '{processes.Folder}' && TERM=xterm-256color dotnet '{gamer}' play --ticks 30 --coordinator 127.0.0.1:{port} --identity '{identity}'");

        // The status line shows 0.0 fps until frames have come; it must come to show a rate.
        static bool Playing(string line) => Fps().Match(line) is { Success: true } rate && double.Parse(rate.Groups[1].Value, CultureInfo.InvariantCulture) > 0;
        await WaitForAsync(tmux, lines => lines.Any(Playing), "a status line with a frame rate above 0");
        await WaitForAsync(tmux, lines => lines.Any(l => l.Contains("tick 6", StringComparison.Ordinal)), "the world loaded and playing");

        var still = tmux.Capture(colours: true);
        await Task.Delay(TimeSpan.FromSeconds(1));
        var idle = Changed(still, tmux.Capture(colours: true));
        var before = tmux.Capture(colours: true);
        for (var i = 0; i < 12; i++)
        {
            tmux.SendKeys("d");
            await Task.Delay(80);
        }

        await Task.Delay(TimeSpan.FromMilliseconds(500));
        var turned = Changed(before, tmux.Capture(colours: true));
        Assert.True(turned >= Rows / 3 && turned > 2 * idle, $"turning changed {turned} rows; standing still {idle}");

        tmux.SendKeys("q");
        await WaitForAsync(tmux, _ => !tmux.Running, "the client quitting on q", running: false);
    }

    /// <summary>Picture rows (the status line excluded) that differ between two captures.</summary>
    private static int Changed(string[] a, string[] b) =>
        Enumerable.Range(0, Rows - 1).Count(row => row >= a.Length || row >= b.Length || a[row] != b[row]);

    private static async Task<string[]> WaitForAsync(Tmux tmux, Func<string[], bool> condition, string what, bool running = true)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(45);
        var lines = Array.Empty<string>();
        while (DateTime.UtcNow < deadline)
        {
            lines = running ? tmux.Capture() : [];
            if (condition(lines))
            {
                return lines;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"{what} did not happen within 45 s; the pane showed:\n{string.Join('\n', lines)}");
    }

    [GeneratedRegex(@"([0-9]+\.[0-9]) fps")]
    private static partial Regex Fps();
}

using System.Text.Json;

namespace P2C2R.EndToEnd.Tests;

/// <summary>
/// The real executables again, with a helper process killed (SIGKILL, with its sandbox workers)
/// mid-session: its socket is cut without a Goodbye, the coordinator drops it from the closed
/// connection at once, not seconds later from heartbeats, and the gamer's session goes on with
/// every tick's frame delivered.
/// </summary>
[Collection(nameof(Simulations))]
public sealed class KilledHelperProcessTests
{
    [Fact]
    public async Task A_helper_process_killed_mid_session_is_dropped_at_once_and_the_session_plays_on()
    {
        using var processes = new ProcessSet("p2c2r-killed-");
        var (server, coordinator, helpers) = await processes.StartClusterAsync(2);

        var gamer = processes.Start("GamerClient.dll", ["play", "--headless", "--seconds", "6", "--json", "--ticks", "30", "--autopilot", .. processes.Gamer(coordinator)]);
        await processes.WaitForAsync(() => processes.Output(server).Contains("started for", StringComparison.Ordinal), TimeSpan.FromSeconds(30), "the session's start");
        await Task.Delay(TimeSpan.FromSeconds(2));
        var killedAt = DateTime.UtcNow;
        helpers[0].Kill(entireProcessTree: true);
        await processes.WaitForAsync(() => processes.Output(server).Contains("/helper-1 is gone", StringComparison.Ordinal), TimeSpan.FromSeconds(10), "the coordinator noticing the killed helper");
        var noticed = DateTime.UtcNow - killedAt;
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
        {
            await gamer.WaitForExitAsync(timeout.Token);
        }

        Assert.True(noticed < TimeSpan.FromSeconds(3), $"the coordinator noticed the kill after {noticed.TotalMilliseconds:0} ms; its heartbeat timeout alone takes 10 s");
        Assert.True(gamer.ExitCode == 0, processes.Output(gamer));
        using var document = JsonDocument.Parse(ProcessSet.JsonLine(processes.Output(gamer)));
        var root = document.RootElement;
        Assert.True(root.GetProperty("ticks").GetInt64() >= 30, root.ToString());
        Assert.True(root.GetProperty("frames").GetInt64() >= root.GetProperty("ticks").GetInt64() - 10, root.ToString());
        Assert.Equal(1, root.GetProperty("helpers").GetInt32());
        Assert.Equal(0, root.GetProperty("validationRejects").GetInt64());
    }
}

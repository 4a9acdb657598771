using System.Text.Json;

namespace P2C2R.EndToEnd.Tests;

/// <summary>
/// The real executables as separate processes on loopback: a coordinator, three PeerNode helpers
/// (each with its own key file, its own address 127.0.0.2–4, its self-test and its sandbox) and
/// <c>GamerClient play --headless --json</c> steering by autopilot and recording PNGs; then
/// <c>GamerClient replay</c> of the same session must give the very frames the gamer decoded, PNG
/// for PNG, and the coordinator's final world.
/// </summary>
[Collection(nameof(Simulations))]
public sealed class ExecutablesTests
{
    [Fact]
    public async Task Coordinator_three_helpers_and_a_headless_gamer_play_a_session_end_to_end()
    {
        using var processes = new ProcessSet("p2c2r-executables-");
        var coordinator = (await processes.StartClusterAsync(3, "--concurrency", "1")).Endpoint;

        var played = Path.Combine(processes.Folder, "played");
        var gamer = processes.Start("GamerClient.dll", ["play", "--headless", "--seconds", "6", "--json", "--ticks", "30", "--autopilot", "--record", played, .. processes.Gamer(coordinator)]);
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
        {
            await gamer.WaitForExitAsync(timeout.Token);
        }

        Assert.True(gamer.ExitCode == 0, processes.AllOutput());
        var json = ProcessSet.JsonLine(processes.Output(gamer));
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        Assert.True(root.GetProperty("ticks").GetInt64() >= 30, json);
        Assert.True(root.GetProperty("frames").GetInt64() >= root.GetProperty("ticks").GetInt64() - 10, json);
        Assert.True(root.GetProperty("fps").GetDouble() >= 3, json);
        Assert.Equal(3, root.GetProperty("helpers").GetInt32());
        Assert.True(root.GetProperty("tasksTotal").GetInt64() > 0, json);
        Assert.InRange(root.GetProperty("helperComputedShare").GetDouble(), 0.01, 1.0);
        Assert.Equal(0, root.GetProperty("validationRejects").GetInt64());
        Assert.True(root.GetProperty("frameLatencyMsP50").GetDouble() > 0, json);
        await AssertReplayAsync(processes, coordinator, root, played, Path.Combine(processes.Folder, "replayed"));
    }

    private static async Task AssertReplayAsync(ProcessSet processes, string coordinator, JsonElement play, string played, string replayed)
    {
        var sessionId = play.GetProperty("sessionId").GetString()!;
        var (first, last) = (play.GetProperty("firstTick").GetInt64(), play.GetProperty("lastTick").GetInt64());
        Assert.Equal(0, first);
        Assert.NotEqual("", play.GetProperty("framesDigest").GetString());
        var replay = await processes.RunAsync("GamerClient.dll", ["replay", sessionId, "--from", $"{first}", "--to", $"{last}", "--record", replayed, "--json", .. processes.Gamer(coordinator)], TimeSpan.FromSeconds(120));
        Assert.True(replay.ExitCode == 0, replay.Output);
        using var replayJson = JsonDocument.Parse(ProcessSet.JsonLine(replay.Output));
        Assert.Equal(play.GetProperty("framesDigest").GetString(), replayJson.RootElement.GetProperty("framesDigest").GetString());
        Assert.Equal(last - first + 1, replayJson.RootElement.GetProperty("frames").GetInt64());
        foreach (var tick in new[] { first, (first + last) / 2, last })
        {
            var name = $"frame-{tick:D6}.png";
            Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(played, name)), await File.ReadAllBytesAsync(Path.Combine(replayed, name)));
        }

        var status = await processes.RunAsync("GamerClient.dll", ["session", "status", sessionId, "--json", .. processes.Gamer(coordinator)], TimeSpan.FromSeconds(30));
        Assert.True(status.ExitCode == 0, status.Output);
        using var statusJson = JsonDocument.Parse(ProcessSet.JsonLine(status.Output));
        Assert.False(statusJson.RootElement.GetProperty("active").GetBoolean());
        Assert.Equal(statusJson.RootElement.GetProperty("worldDigest").GetString(), replayJson.RootElement.GetProperty("worldDigest").GetString());
    }
}

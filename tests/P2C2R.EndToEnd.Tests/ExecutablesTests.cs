using System.Text.Json;

namespace P2C2R.EndToEnd.Tests;

/// <summary>
/// The real executables as separate processes on loopback: a coordinator, three PeerNode helpers
/// (each with its self-test and sandbox) and <c>GamerClient play --headless --json</c> steering
/// by autopilot and recording PNGs; then <c>GamerClient replay</c> of the same session must give
/// the very frames the gamer decoded, and the coordinator's final world.
/// </summary>
[Collection(nameof(Simulations))]
public sealed class ExecutablesTests
{
    [Fact]
    public async Task Coordinator_three_helpers_and_a_headless_gamer_play_a_session_end_to_end()
    {
        var folder = Directory.CreateTempSubdirectory("p2c2r-executables-").FullName;
        var helperConfig = Path.Combine(folder, "helper.conf");
        await File.WriteAllTextAsync(helperConfig, "p2c2r.peer.concurrency = 1\n");
        var processes = new ProcessSet();
        try
        {
            var coordinator = (await processes.StartClusterAsync(folder, 3, "--config", helperConfig)).Endpoint;

            var played = Path.Combine(folder, "played");
            var gamer = processes.Start("GamerClient.dll", ["play", "--headless", "--seconds", "10", "--json", "--ticks", "30", "--autopilot", "--record", played, "--coordinator", coordinator]);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await gamer.WaitForExitAsync(timeout.Token);

            Assert.True(gamer.ExitCode == 0, processes.Output(gamer));
            var json = processes.Output(gamer).Split('\n').Single(line => line.StartsWith('{'));
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            Assert.True(root.GetProperty("ticks").GetInt64() >= 30, json);
            Assert.True(root.GetProperty("frames").GetInt64() >= root.GetProperty("ticks").GetInt64() - 10, json);
            Assert.True(root.GetProperty("fps").GetDouble() >= 3, json);
            Assert.Equal(3, root.GetProperty("helpers").GetInt32());
            Assert.True(root.GetProperty("tasksTotal").GetInt64() > 0, json);
            Assert.InRange(root.GetProperty("helperTaskShare").GetDouble(), 0.01, 1.0);
            Assert.Equal(0, root.GetProperty("validationRejects").GetInt64());
            Assert.True(root.GetProperty("frameLatencyMsP50").GetDouble() > 0, json);
            await AssertReplayAsync(processes, coordinator, root, played, Path.Combine(folder, "replayed"));
        }
        finally
        {
            processes.Dispose();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task AssertReplayAsync(ProcessSet processes, string coordinator, JsonElement play, string played, string replayed)
    {
        var sessionId = play.GetProperty("sessionId").GetString()!;
        var (first, last) = (play.GetProperty("firstTick").GetInt64(), play.GetProperty("lastTick").GetInt64());
        Assert.Equal(0, first);
        Assert.NotEqual("", play.GetProperty("framesDigest").GetString());
        var replay = await processes.RunAsync("GamerClient.dll", ["replay", sessionId, "--from", $"{first}", "--to", $"{last}", "--record", replayed, "--json", "--coordinator", coordinator], TimeSpan.FromSeconds(120));
        Assert.True(replay.ExitCode == 0, replay.Output);
        using var replayJson = JsonDocument.Parse(replay.Output.Split('\n').Single(line => line.StartsWith('{')));
        Assert.Equal(play.GetProperty("framesDigest").GetString(), replayJson.RootElement.GetProperty("framesDigest").GetString());
        Assert.Equal(last - first + 1, replayJson.RootElement.GetProperty("frames").GetInt64());
        foreach (var tick in new[] { first, (first + last) / 2, last })
        {
            var name = $"frame-{tick:D6}.png";
            Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(played, name)), await File.ReadAllBytesAsync(Path.Combine(replayed, name)));
        }

        var status = await processes.RunAsync("GamerClient.dll", ["session", "status", sessionId, "--json", "--coordinator", coordinator], TimeSpan.FromSeconds(30));
        using var statusJson = JsonDocument.Parse(status.Output.Split('\n').Single(line => line.StartsWith('{')));
        Assert.Equal(statusJson.RootElement.GetProperty("worldDigest").GetString(), replayJson.RootElement.GetProperty("worldDigest").GetString());
    }
}

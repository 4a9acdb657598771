using P2C2R.Coordinator;
using P2C2R.GameSdk;
using P2C2R.Games.Voxel;
using System.Text.Json;
using P2C2R.Coordinator.Persistence;
using P2C2R.Coordinator.Sessions;
using P2C2R.Persistence.Sqlite;

namespace P2C2R.EndToEnd.Tests;

/// <summary>
/// The real coordinator killed with SIGKILL in the middle of a session and started again on the
/// same data folder: the session comes back at its last journalled tick, the gamer resumes on
/// its own, the helper registers again, and the world at the end is byte-identical to a
/// helper-free replay of the same inputs from tick 0. The gamer's bill covers every tick once.
/// </summary>
[Collection(nameof(Simulations))]
public sealed class CrashRecoveryTests
{
    private const int TicksPerSecond = 30;
    private const long ChargePerSecond = 1000;

    [Fact]
    public async Task A_coordinator_killed_mid_session_recovers_it_and_the_gamer_resumes_into_an_identical_world()
    {
        var port = ProcessSet.FreePort();
        var address = $"127.0.0.1:{port}";
        var folder = Directory.CreateTempSubdirectory("p2c2r-crash-").FullName;
        var data = Path.Combine(folder, "data");
        var config = Path.Combine(folder, "coordinator.conf");
        await File.WriteAllTextAsync(config, $"p2c2r.coordinator.session {{ snapshot-every-ticks = 40, charge-per-second = {ChargePerSecond} }}\n");
        string[] coordinatorArguments = ["--data-dir", data, "--config", config, "--port", port.ToString()];
        var processes = new ProcessSet();
        try
        {
            var coordinator = processes.Start("Coordinator.dll", coordinatorArguments);
            var helper = processes.Start("PeerNode.dll", ["--name", "helper-1"], new() { ["P2C2R_COORDINATOR"] = address, ["P2C2R_ACCOUNT"] = "volunteer" });
            await processes.WaitForAsync(() => Count(processes.Output(helper), "Accepted by the coordinator") == 1, TimeSpan.FromSeconds(60), "helper registration");
            var gamer = processes.Start("GamerClient.dll", ["play", "--headless", "--autopilot", "--seconds", "25", "--json", "--ticks", $"{TicksPerSecond}", "--coordinator", address]);
            await processes.WaitForAsync(() => processes.Output(coordinator).Contains("Session s1-", StringComparison.Ordinal), TimeSpan.FromSeconds(30), "the session start");
            await Task.Delay(TimeSpan.FromSeconds(5));

            coordinator.Kill();
            await coordinator.WaitForExitAsync();
            var restarted = processes.Start("Coordinator.dll", coordinatorArguments);

            await processes.WaitForAsync(() => processes.Output(restarted).Contains("recovered at tick", StringComparison.Ordinal), TimeSpan.FromSeconds(60), "session recovery");
            await processes.WaitForAsync(() => Count(processes.Output(helper), "Accepted by the coordinator") >= 2, TimeSpan.FromSeconds(60), "the helper registering again");
            using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90)))
            {
                await gamer.WaitForExitAsync(timeout.Token);
            }

            Assert.True(gamer.ExitCode == 0, processes.AllOutput());
            using var summary = JsonDocument.Parse(processes.Output(gamer).Split('\n').Single(line => line.StartsWith('{')));
            var played = summary.RootElement;
            var sessionId = played.GetProperty("sessionId").GetString()!;
            Assert.True(played.GetProperty("resumes").GetInt32() >= 1, played.ToString());
            Assert.True(played.GetProperty("frames").GetInt64() > 2 * TicksPerSecond, played.ToString());

            var status = await JsonAsync(processes, ["session", "status", sessionId, "--json", "--coordinator", address]);
            var balance = await JsonAsync(processes, ["balance", "--json", "--coordinator", address]);
            restarted.Kill();
            await restarted.WaitForExitAsync();

            var ticks = status.GetProperty("tick").GetInt64();
            Assert.False(status.GetProperty("active").GetBoolean());
            await using var store = SqliteStore.Open(Path.Combine(data, "journal.db"));
            var keys = await SessionReplay.ReadKeysAsync(store, StorageSettings.Serializer, sessionId);
            var replayed = SessionReplay.Play(VoxelGame.Instance, Session.OptionsOf(sessionId, TicksPerSecond, new CoordinatorSettings()), keys);
            Assert.Equal(ticks, replayed.Tick);
            Assert.Equal(replayed.Digest(), status.GetProperty("worldDigest").GetString());
            Assert.Equal(-(ticks * 1000 / TicksPerSecond * ChargePerSecond / 1000), balance.GetProperty("credits").GetInt64());
        }
        finally
        {
            processes.Dispose();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static int Count(string text, string what) => (text.Length - text.Replace(what, "", StringComparison.Ordinal).Length) / what.Length;

    private static async Task<JsonElement> JsonAsync(ProcessSet processes, string[] arguments)
    {
        var (exitCode, output) = await processes.RunAsync("GamerClient.dll", arguments, TimeSpan.FromSeconds(30));
        Assert.True(exitCode == 0, output);
        using var document = JsonDocument.Parse(output.Split('\n').Single(line => line.StartsWith('{')));
        return document.RootElement.Clone();
    }
}

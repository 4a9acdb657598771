using System.Text.Json;
using Akka.Configuration;
using Microsoft.Data.Sqlite;
using P2C2R.Coordinator;
using P2C2R.Coordinator.Persistence;
using P2C2R.Coordinator.Sessions;
using P2C2R.GameSdk;
using P2C2R.Games.Voxel;

namespace P2C2R.EndToEnd.Tests;

/// <summary>
/// The real coordinator killed with SIGKILL in the middle of a session and started again on the
/// same data folder: the session comes back at its last journalled tick, the gamer resumes on its
/// own, the helper registers again, and the world at the end is byte-identical to a helper-free
/// replay of the journalled inputs from tick 0. The gamer's bill covers every tick once.
/// </summary>
[Collection(nameof(Simulations))]
public sealed class CrashRecoveryTests
{
    private const int TicksPerSecond = 30;
    private const long ChargePerSecond = 1000;

    [Fact]
    public async Task A_coordinator_killed_mid_session_recovers_it_and_the_gamer_resumes_into_an_identical_world()
    {
        using var processes = new ProcessSet("p2c2r-crash-");
        var port = ProcessSet.FreePort();
        var address = $"127.0.0.1:{port}";
        var config = await processes.WriteConfigAsync("coordinator.conf", $"p2c2r.coordinator.session {{ snapshot-every-ticks = 40, charge-per-second = {ChargePerSecond} }}");
        var coordinator = processes.StartCoordinator(port, "--config", config);
        var helper = processes.StartHelper(address, 1);
        await processes.WaitForAsync(() => Count(processes.Output(helper), "Accepted by the coordinator") == 1, TimeSpan.FromSeconds(60), "helper registration");
        // Long enough for the restarted coordinator to come back under CI load before the gamer's
        // time is up: a gamer whose time runs out while disconnected ends its session on reconnecting
        // instead of resuming it.
        var gamer = processes.Start("GamerClient.dll", ["play", "--headless", "--autopilot", "--seconds", "20", "--json", "--ticks", $"{TicksPerSecond}", .. processes.Gamer(address)]);
        await processes.WaitForAsync(() => processes.Output(coordinator).Contains("Session s1-", StringComparison.Ordinal), TimeSpan.FromSeconds(30), "the session start");
        await Task.Delay(TimeSpan.FromSeconds(3));

        coordinator.Kill();
        await coordinator.WaitForExitAsync();
        var restarted = processes.StartCoordinator(port, "--config", config);

        await processes.WaitForAsync(() => processes.Output(restarted).Contains("recovered at tick", StringComparison.Ordinal), TimeSpan.FromSeconds(60), "session recovery");
        await processes.WaitForAsync(() => Count(processes.Output(helper), "Accepted by the coordinator") >= 2, TimeSpan.FromSeconds(60), "the helper registering again");
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
        {
            await gamer.WaitForExitAsync(timeout.Token);
        }

        Assert.True(gamer.ExitCode == 0, processes.AllOutput());
        using var summary = JsonDocument.Parse(ProcessSet.JsonLine(processes.Output(gamer)));
        var played = summary.RootElement;
        var sessionId = played.GetProperty("sessionId").GetString()!;
        Assert.True(played.GetProperty("resumes").GetInt32() >= 1, played.ToString());
        Assert.True(played.GetProperty("frames").GetInt64() > 2 * TicksPerSecond, played.ToString());

        var status = await JsonAsync(processes, ["session", "status", sessionId, "--json", .. processes.Gamer(address)]);
        var balance = await JsonAsync(processes, ["balance", "--json", .. processes.Gamer(address)]);
        restarted.Kill();
        await restarted.WaitForExitAsync();

        var ticks = status.GetProperty("tick").GetInt64();
        Assert.False(status.GetProperty("active").GetBoolean());
        var keys = await JournalledKeysAsync(Path.Combine(processes.Folder, "data"), sessionId);
        var replayed = SessionReplay.Play(VoxelGame.Instance, Session.OptionsOf(sessionId, TicksPerSecond, new CoordinatorSettings()), keys);
        Assert.Equal(ticks, replayed.Tick);
        Assert.Equal(replayed.Digest(), status.GetProperty("worldDigest").GetString());
        Assert.Equal(-(ticks * 1000 / TicksPerSecond * ChargePerSecond / 1000), balance.GetProperty("credits").GetInt64());
    }

    /// <summary>The session's keys read back from the SQLite journal the coordinator left, through the coordinator's own read journal.</summary>
    private static async Task<int[]> JournalledKeysAsync(string data, string sessionId)
    {
        var system = ActorSystem.Create("journal-reader", CoordinatorConfig.Akka(StorageSettings.Sqlite(data))
            .WithFallback(ConfigurationFactory.ParseString("akka.loglevel = WARNING")));
        try
        {
            return await SessionReplay.ReadKeysAsync(system, sessionId, TimeSpan.FromSeconds(30));
        }
        finally
        {
            await system.Terminate();
            SqliteConnection.ClearAllPools();
        }
    }

    private static int Count(string text, string what) => (text.Length - text.Replace(what, "", StringComparison.Ordinal).Length) / what.Length;

    private static async Task<JsonElement> JsonAsync(ProcessSet processes, string[] arguments)
    {
        var (exitCode, output) = await processes.RunAsync("GamerClient.dll", arguments, TimeSpan.FromSeconds(30));
        Assert.True(exitCode == 0, output);
        using var document = JsonDocument.Parse(ProcessSet.JsonLine(output));
        return document.RootElement.Clone();
    }
}

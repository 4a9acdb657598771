using System.Text.Json;

namespace P2C2R.EndToEnd.Tests;

/// <summary>
/// The real executables again, with a helper process killed (SIGKILL, with its sandbox worker)
/// mid-session: the coordinator learns of it from the closed connection, not seconds later from
/// its failure detector, and the gamer's session goes on with every tick's frame delivered.
/// </summary>
[Collection(nameof(Simulations))]
public sealed class KilledHelperProcessTests
{
    [Fact]
    public async Task A_helper_process_killed_mid_session_is_dropped_at_once_and_the_session_plays_on()
    {
        var folder = Directory.CreateTempSubdirectory("p2c2r-killed-").FullName;
        var processes = new ProcessSet();
        try
        {
            var (server, coordinator, helpers) = await processes.StartClusterAsync(folder, 2);

            var gamer = processes.Start("GamerClient.dll", ["play", "--headless", "--seconds", "8", "--json", "--ticks", "30", "--autopilot", "--coordinator", coordinator]);
            await processes.WaitForAsync(() => processes.Output(server).Contains("started for", StringComparison.Ordinal), TimeSpan.FromSeconds(30), "the session's start");
            await Task.Delay(TimeSpan.FromSeconds(3));
            var killedAt = DateTime.UtcNow;
            helpers[0].Kill(entireProcessTree: true);
            await processes.WaitForAsync(() => processes.Output(server).Contains("helper-1 disconnected", StringComparison.Ordinal), TimeSpan.FromSeconds(10), "the coordinator noticing the killed helper");
            var noticed = DateTime.UtcNow - killedAt;
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await gamer.WaitForExitAsync(timeout.Token);

            Assert.True(noticed < TimeSpan.FromSeconds(3), $"the coordinator noticed the kill after {noticed.TotalMilliseconds:0} ms; its failure detector alone takes 4 s");
            Assert.True(gamer.ExitCode == 0, processes.Output(gamer));
            using var document = JsonDocument.Parse(processes.Output(gamer).Split('\n').Single(line => line.StartsWith('{')));
            var root = document.RootElement;
            Assert.True(root.GetProperty("ticks").GetInt64() >= 30, root.ToString());
            Assert.True(root.GetProperty("frames").GetInt64() >= root.GetProperty("ticks").GetInt64() - 10, root.ToString());
            Assert.Equal(1, root.GetProperty("helpers").GetInt32());
            Assert.Equal(0, root.GetProperty("validationRejects").GetInt64());
        }
        finally
        {
            processes.Dispose();
            Directory.Delete(folder, recursive: true);
        }
    }
}

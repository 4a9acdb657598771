using P2C2R.Coordinator.Scheduling;
using P2C2R.EndToEnd.Tests.Cluster;

namespace P2C2R.EndToEnd.Tests;

/// <summary>The coordinator's supervision: one session failing must not disturb another session or the helpers.</summary>
[Collection(nameof(Simulations))]
public sealed class SupervisionTests
{
    /// <summary>
    /// The crash: outputs that cannot be decoded, claimed for every game task id the world may be
    /// waiting for (key <c>id·16 + 15</c>), so the session throws when the next one comes due.
    /// A helper's genuine output may still overwrite a claim before its task is due, so claims
    /// are sent again every 20 ms until the session has restarted, which its gamer sees as a
    /// second <c>session.started</c>.
    /// </summary>
    [Fact]
    public async Task A_crashing_session_restarts_on_its_own_while_another_session_keeps_streaming()
    {
        await using var cluster = await SimulatedCluster.StartAsync(new() { ["p2c2r.coordinator.session.ticks-per-second"] = "30" });
        for (var i = 0; i < 3; i++)
        {
            cluster.AddHelper($"helper-{i}");
        }

        await cluster.Coordinator.WaitForHelpersAsync(3, TimeSpan.FromSeconds(10));
        var crashing = await cluster.StartSessionAsync(20);
        var steady = await cluster.StartSessionAsync(20);
        var crashingId = await EdgeParticipants.SessionIdAsync(crashing, TimeSpan.FromSeconds(10));
        await EdgeParticipants.SessionIdAsync(steady, TimeSpan.FromSeconds(10));
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        var crashAt = DateTime.UtcNow;
        var session = await cluster.Coordinator.SessionActorAsync(crashingId);
        var claimsUntil = DateTime.UtcNow.AddSeconds(5);
        while ((await EdgeParticipants.ReportAsync(crashing)).Starts < 2 && DateTime.UtcNow < claimsUntil)
        {
            for (var task = 0; task < 2000; task++)
            {
                session.Tell(new WorkDone(task * 16 + 15, "claimed", [0xC1], ByHelper: true, CoordinatorComputed: false));
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20));
        }

        await Task.Delay(TimeSpan.FromSeconds(1.5));

        var steadyReport = await EdgeParticipants.EndSessionAsync(steady);
        var crashedReport = await EdgeParticipants.ReportAsync(crashing);
        Assert.True(crashedReport.Starts >= 2, $"the session started {crashedReport.Starts} times: it never crashed and restarted");
        Assert.Contains(crashedReport.Frames, frame => frame.At > crashAt.AddMilliseconds(300));
        var steadyAround = steadyReport.Frames.Where(f => f.At > crashAt.AddMilliseconds(-500) && f.At < crashAt.AddMilliseconds(1000)).Select(f => f.At).ToArray();
        Assert.True(steadyAround.Length >= 10, $"the steady session sent {steadyAround.Length} frames around the crash");
        Assert.True(steadyAround.Zip(steadyAround.Skip(1), (a, b) => (b - a).TotalMilliseconds).Max() < 1000);
        Assert.Equal(Enumerable.Range(0, steadyReport.Frames.Length).Select(i => (long)i), steadyReport.Frames.Select(f => f.Tick));
        Assert.Equal(3, (await cluster.Coordinator.DirectoryAsync()).Helpers.Count);
    }
}

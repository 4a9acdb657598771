using P2C2R.Coordinator.Scheduling;

namespace P2C2R.EndToEnd.Tests;

/// <summary>The coordinator's supervision: one session failing must not disturb another session or the helpers.</summary>
[Collection(nameof(Simulations))]
public sealed class SupervisionTests : TestKit.TestKit
{
    /// <summary>
    /// The crash: outputs that cannot be decoded, claimed for every game task id the world may be
    /// waiting for (key <c>id·16 + 15</c>), so the session throws when the next one comes due.
    /// A helper's genuine output may still overwrite a claim before its task is due, so claims
    /// are sent again every 20 ms until the session has restarted.
    /// </summary>
    [Fact]
    public async Task A_crashing_session_restarts_on_its_own_while_another_session_keeps_streaming()
    {
        var cluster = new SimulatedCluster(this, new Coordinator.CoordinatorSettings { TicksPerSecond = 30 });
        for (var i = 0; i < 3; i++)
        {
            cluster.AddHelper($"helper-{i}", $"account-{i}");
        }

        await cluster.WaitForHelpersAsync(3, TimeSpan.FromSeconds(10));
        var crashing = cluster.StartSession(20);
        var steady = cluster.StartSession(20);
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        var crashingId = await SessionIdAsync(crashing);
        await SessionIdAsync(steady);
        var crashAt = DateTime.UtcNow;
        var session = cluster.Local("sessions/" + crashingId);
        var claimsUntil = DateTime.UtcNow.AddSeconds(5);
        while ((await crashing.Ask<CollectorReport>(new CollectorQuery(), TimeSpan.FromSeconds(5))).Starts < 2 && DateTime.UtcNow < claimsUntil)
        {
            for (var task = 0; task < 2000; task++)
            {
                session.Tell(new WorkDone(task * 16 + 15, [0xC1], ByHelper: true, LocalFallback: false));
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20));
        }

        await Task.Delay(TimeSpan.FromSeconds(1.5));

        var steadyReport = await cluster.EndSessionAsync(steady);
        var crashedReport = await crashing.Ask<CollectorReport>(new CollectorQuery(), TimeSpan.FromSeconds(5));
        Assert.True(crashedReport.Starts >= 2, $"the session started {crashedReport.Starts} times: it never crashed and restarted");
        Assert.Contains(crashedReport.Frames, frame => frame.At > crashAt.AddMilliseconds(300));
        var steadyAround = steadyReport.Frames.Where(f => f.At > crashAt.AddMilliseconds(-500) && f.At < crashAt.AddMilliseconds(1000)).Select(f => f.At).ToArray();
        Assert.True(steadyAround.Length >= 10, $"the steady session sent {steadyAround.Length} frames around the crash");
        Assert.True(steadyAround.Zip(steadyAround.Skip(1), (a, b) => (b - a).TotalMilliseconds).Max() < 1000);
        Assert.Equal(Enumerable.Range(0, steadyReport.Frames.Length).Select(i => (long)i), steadyReport.Frames.Select(f => f.Tick));
        var directory = await cluster.Local("registry").Ask<Coordinator.Helpers.HelperDirectory>(new Coordinator.Helpers.SubscribeHelpers(), TimeSpan.FromSeconds(5));
        Assert.Equal(3, directory.Helpers.Count);
    }

    private static async Task<string> SessionIdAsync(IActorRef collector)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if ((await collector.Ask<CollectorReport>(new CollectorQuery(), TimeSpan.FromSeconds(5))).SessionId is { } id)
            {
                return id;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("the session did not start within 10 s");
    }
}

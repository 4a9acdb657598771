using P2C2R.Coordinator.Sessions;
using P2C2R.Protocol.Contracts;

namespace P2C2R.Web.Tests;

/// <summary>
/// A session plays on a real node (no helpers: the coordinator computes every task) and the
/// node's <c>/metrics</c> then agree with the figures the session reports for its status, as
/// <c>session status --json</c> shows them.
/// </summary>
public sealed class MetricsTests : Akka.TestKit.Xunit2.TestKit
{
    private const int Frames = 40;

    /// <summary>The test node's bands per frame (<see cref="WebNode"/>): one ray-trace task each per tick.</summary>
    private const int Bands = 2;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task The_metrics_agree_with_the_sessions_own_figures()
    {
        await using var node = await WebNode.StartAsync();
        var gamers = await node.GamersAsync();
        var gamer = CreateTestProbe(node.System);
        gamers.Tell(new GamerCommand("ann", new StartSession(30)), gamer.Ref);
        var id = gamer.ExpectMsg<SessionAttached>(Timeout).SessionId;
        for (var frames = 0; frames < Frames;)
        {
            frames += gamer.ExpectMsg<object>(Timeout) is FrameUpdate ? 1 : 0;
        }

        var playing = await ScrapeAsync(node, m => m.Sum("p2c2r_sessions_active") == 1);
        Assert.Equal(1, playing.Sum("p2c2r_sessions_active"));

        gamers.Tell(new GamerCommand("ann", new EndSession(id)), gamer.Ref);
        var counters = gamer.FishForMessage<SessionEnded>(_ => true, Timeout).Counters;
        var metrics = await ScrapeAsync(node, m => m.Sum("p2c2r_sessions_active") == 0 && m.Sum("p2c2r_ticks_total") == counters.Ticks);

        Assert.True(counters.Ticks >= Frames, $"the session played {counters.Ticks} ticks");
        MetricsAgreement.AssertAgrees(metrics, counters);
        Assert.Equal(Bands * counters.Ticks, metrics.Sum("p2c2r_tasks_submitted_total", ("type", "render.raytrace")));
    }

    private static async Task<PrometheusText> ScrapeAsync(WebNode node, Func<PrometheusText, bool> done)
    {
        var (_, body) = await node.PollAsync("/metrics", (_, text) => done(new PrometheusText(text)), Timeout);
        return new PrometheusText(body);
    }
}

using System.Net;
using Akka.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using P2C2R.GamerClient.Connection;
using P2C2R.Protocol.Contracts;

namespace P2C2R.Web.Tests;

/// <summary>
/// A session that helpers compute: a real node, two real helpers dialing its edge from 127.0.0.2
/// and 127.0.0.3 (two hosts, as the node counts them by /32, so replicas can agree), and a real
/// gamer connection of the GamerClient. Once helpers have computed tasks the session ends, and the
/// node's <c>/metrics</c> agree with the session's status as <c>session status --json</c> gets it
/// (the same <see cref="QuerySession"/> over the same connection).
/// </summary>
public sealed class HelperMetricsTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private static readonly Config GamerConfig = ConfigurationFactory.ParseString("akka { loglevel = WARNING, log-dead-letters = off, log-dead-letters-during-shutdown = off }");
    private readonly string _folder = Directory.CreateTempSubdirectory("p2c2r-gamer-").FullName;

    [Fact]
    public async Task The_metrics_agree_with_the_status_of_a_session_that_helpers_computed()
    {
        await using var node = await WebNode.StartAsync(new() { ["p2c2r.coordinator.replicas.ipv4-prefix"] = "32" });
        await using var first = EdgeHelper.Start(node.Edge, "helper-1", IPAddress.Parse("127.0.0.2"));
        await using var second = EdgeHelper.Start(node.Edge, "helper-2", IPAddress.Parse("127.0.0.3"));
        var joined = await ScrapeAsync(node, m => m.Sum("p2c2r_helpers_connected") == 2);
        Assert.Equal(2, joined.Sum("p2c2r_helpers_connected"));

        await using var gamer = await GamerConnection.OpenAsync(SettingsFor(node), GamerConfig, NullLoggerFactory.Instance);
        var id = (await gamer.RequestAsync<SessionStarted>(new StartSession(30))).SessionId;
        var helped = await StatusAsync(gamer, id, s => s.Counters.HelperComputed > 0, "helpers computing a task");
        Assert.True(helped.Active);

        var ended = await gamer.RequestAsync<SessionEnded>(new EndSession(id));
        var counters = ended.Counters;
        var status = await StatusAsync(gamer, id, s => !s.Active && s.Counters == counters, "the status showing the final counters");
        var metrics = await ScrapeAsync(node, m => m.Sum("p2c2r_sessions_active") == 0 && m.Sum("p2c2r_ticks_total") == counters.Ticks);

        Assert.Equal(counters, status.Counters);
        Assert.True(counters.HelperComputed > 0, $"{counters}");
        Assert.Equal(2, metrics.Sum("p2c2r_helpers_connected"));
        MetricsAgreement.AssertAgrees(metrics, counters);
        Assert.True(counters.HelperBytes > 0, $"{counters}");
        Assert.All(metrics.Values("p2c2r_tasks_total", "type"), type => Assert.True(metrics.Sum("p2c2r_tasks_submitted_total", ("type", type)) > 0, $"{type} tasks done, none submitted"));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>The gamer's settings: the node's edge, a key file of its own in this test's folder.</summary>
    private GamerSettings SettingsFor(WebNode node) =>
        new([node.Edge], Path.Combine(_folder, "gamer.key"), null, "ann", TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(10));

    /// <summary>The session's status, asked again until <paramref name="done"/> holds for it, for at most <see cref="Timeout"/>.</summary>
    private static async Task<SessionInfo> StatusAsync(GamerConnection gamer, string id, Func<SessionInfo, bool> done, string what)
    {
        var deadline = DateTime.UtcNow + Timeout;
        var status = await gamer.RequestAsync<SessionInfo>(new QuerySession(id));
        while (!done(status))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{what} did not happen within {Timeout.TotalSeconds:0} s; the status is {status}");
            }

            await Task.Delay(100);
            status = await gamer.RequestAsync<SessionInfo>(new QuerySession(id));
        }

        return status;
    }

    private static async Task<PrometheusText> ScrapeAsync(WebNode node, Func<PrometheusText, bool> done)
    {
        var (_, body) = await node.PollAsync("/metrics", (_, text) => done(new PrometheusText(text)), Timeout);
        return new PrometheusText(body);
    }
}

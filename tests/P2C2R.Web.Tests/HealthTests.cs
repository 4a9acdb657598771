using System.Net;
using System.Text.Json;

namespace P2C2R.Web.Tests;

/// <summary>The coordinator's HTTP endpoints on a real node: liveness, readiness and the metrics listing.</summary>
public sealed class HealthTests
{
    private static readonly TimeSpan UpWithin = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_node_is_live_then_ready_once_up_and_lists_its_metrics()
    {
        await using var node = await WebNode.StartAsync();

        Assert.Equal(HttpStatusCode.OK, (await node.Http.GetAsync("/healthz")).StatusCode);
        var (ready, body) = await node.PollAsync("/readyz", (response, _) => response.StatusCode == HttpStatusCode.OK, UpWithin);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        using (var json = JsonDocument.Parse(body))
        {
            Assert.True(json.RootElement.GetProperty("ready").GetBoolean());
            Assert.Equal("Up", json.RootElement.GetProperty("member").GetString());
        }

        var metrics = await node.Http.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
        var names = new PrometheusText(await metrics.Content.ReadAsStringAsync()).Names.ToList();
        Assert.Contains("p2c2r_sessions_active", names);
        Assert.Contains("p2c2r_helpers_connected", names);
        Assert.Equal(HttpStatusCode.NotFound, (await node.Http.GetAsync("/nothing-here")).StatusCode);
    }

    /// <summary>A journal that cannot be reached (PostgreSQL on a port nobody listens on) keeps the node out of service: 503, naming the journal.</summary>
    [Fact]
    public async Task A_node_whose_journal_is_unreachable_is_not_ready_and_says_so()
    {
        await using var node = await WebNode.StartAsync(new()
        {
            ["p2c2r.persistence.store"] = "postgres",
            ["p2c2r.persistence.postgres.connection-string"] = $"Host=127.0.0.1;Port={ClosedPort()};Username=nobody;Password=none;Database=none;Timeout=1",
        });

        var (ready, body) = await node.PollAsync("/readyz", (_, text) => text.Contains("\"member\":\"Up\"", StringComparison.Ordinal), UpWithin);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        using var json = JsonDocument.Parse(body);
        Assert.False(json.RootElement.GetProperty("ready").GetBoolean());
        Assert.Equal(["journal"], json.RootElement.GetProperty("notReady").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(HttpStatusCode.OK, (await node.Http.GetAsync("/healthz")).StatusCode);
    }

    /// <summary>A loopback port that was free a moment ago: connecting to it is refused.</summary>
    private static int ClosedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

using P2C2R.Coordinator.Observability;
using P2C2R.Coordinator.Web;

namespace P2C2R.Web.Tests;

/// <summary>A canary caught is exported to Prometheus beside the other <c>p2c2r_</c> metrics, and counted for the dashboard.</summary>
public sealed class CanaryMetricTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task A_caught_canary_shows_as_p2c2r_canaries_caught_total()
    {
        await using var node = await WebNode.StartAsync();
        var before = CoordinatorMetrics.CanariesCaught;

        CoordinatorMetrics.CanaryCaught();
        CoordinatorMetrics.CanaryCaught();

        Assert.Equal(before + 2, CoordinatorMetrics.CanariesCaught);
        var (_, body) = await node.PollAsync(CoordinatorWeb.MetricsPath, (_, text) => new PrometheusText(text).Sum("p2c2r_canaries_caught_total") >= 2, Timeout);
        Assert.True(new PrometheusText(body).Sum("p2c2r_canaries_caught_total") >= 2, body);
    }
}

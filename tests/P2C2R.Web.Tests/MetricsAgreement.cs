using P2C2R.Protocol.Contracts;

namespace P2C2R.Web.Tests;

/// <summary>What /metrics must say of a finished session: the same ticks, tasks by outcome and bytes as its own counters.</summary>
internal static class MetricsAgreement
{
    public static void AssertAgrees(PrometheusText metrics, SessionCounters counters)
    {
        Assert.Equal(counters.Ticks, metrics.Sum("p2c2r_ticks_total"));
        Assert.Equal(counters.LateTicks, metrics.Sum("p2c2r_ticks_late_total"));
        Assert.Equal(counters.TasksTotal, metrics.Sum("p2c2r_tasks_submitted_total"));
        Assert.Equal(counters.HelperComputed, metrics.Sum("p2c2r_tasks_total", ("outcome", "helper_accepted")));
        Assert.Equal(counters.CoordinatorComputed, metrics.Sum("p2c2r_tasks_total", ("outcome", "coordinator_computed")) + metrics.Sum("p2c2r_tasks_total", ("outcome", "local_fallback")));
        Assert.Equal(counters.ValidationRejects, metrics.Sum("p2c2r_tasks_total", ("outcome", "rejected")));
        Assert.Equal(counters.GamerBytes, metrics.Sum("p2c2r_gamer_sent_bytes_total"));
        Assert.Equal(counters.HelperBytes, metrics.Sum("p2c2r_helper_sent_bytes_total"));
    }
}

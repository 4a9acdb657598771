using P2C2R.Protocol.Contracts;

namespace P2C2R.GamerClient.Play;

/// <summary>
/// What a session cost the cloud node, per tick, from the counters it reports: the figures the
/// product is measured by (docs/BENCHMARKS.md), the same in <c>play --json</c> and
/// <c>session status --json</c>.
/// </summary>
public static class SessionCost
{
    public static Dictionary<string, object> Of(SessionCounters c)
    {
        var ticks = Math.Max(1, c.Ticks);
        var settled = c.HelperComputed + c.CoordinatorComputed;
        return new Dictionary<string, object>
        {
            ["helperComputedShare"] = Math.Round(settled == 0 ? 0 : (double)c.HelperComputed / settled, 4),
            ["helperComputed"] = c.HelperComputed,
            ["coordinatorComputed"] = c.CoordinatorComputed,
            ["coordinatorCpuMsPerTick"] = Math.Round(c.CoordinatorCpuMicros / 1000.0 / ticks, 3),
            ["helperBytesPerTick"] = Math.Round((double)c.HelperBytes / ticks, 1),
            ["gamerBytesPerTick"] = Math.Round((double)c.GamerBytes / ticks, 1),
        };
    }
}

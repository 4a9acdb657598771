using Akka.Actor;
using P2C2R.Coordinator.Helpers;
using P2C2R.Tasks;

namespace P2C2R.Coordinator.Tests;

/// <summary>Helpers as the scheduler sees them, for scheduler tests: each on its own account and host, running every task type.</summary>
internal static class HelperViews
{
    /// <summary>A trusted helper whose results are taken alone (replication rate 0), checked by the validator.</summary>
    public static HelperView Trusted(long id, IActorRef helper, string account) =>
        new(id, helper, "h" + id, account, "host-" + account, 0.9, Trusted: true, Quarantined: false, Capacity: 2, Active: 0, FrameMs: 5, TaskTypes: [.. TaskExecutors.All.Select(e => e.Type.Id)])
        {
            ReplicationRate = 0,
        };

    /// <summary>A newcomer: every task it gets is also given to a second helper.</summary>
    public static HelperView Untrusted(long id, IActorRef helper, string account) =>
        Trusted(id, helper, account) with { Reputation = 0.5, Trusted = false, ReplicationRate = 1 };
}

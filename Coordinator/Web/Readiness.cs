using Akka.Actor;
using Akka.Cluster;

namespace P2C2R.Coordinator.Web;

/// <summary>
/// Whether this node should be sent work (<c>/readyz</c>): it is an Up member of the coordinators'
/// cluster (a node still joining, leaving or downed hosts no shards) and its journal answers
/// (sessions and the ledger cannot persist without it). <see cref="NotReady"/> names what is not.
/// </summary>
public sealed record Readiness(bool Ready, string Member, string Journal, string[] NotReady)
{
    public static async Task<Readiness> CheckAsync(ActorSystem system, JournalProbe journal, CancellationToken cancellation)
    {
        var cluster = Cluster.Get(system);
        var status = cluster.IsTerminated ? "Removed" : cluster.SelfMember.Status.ToString();
        var problem = await journal.ProblemAsync(cancellation);
        string[] notReady = [.. status == nameof(MemberStatus.Up) ? [] : new[] { "member" }, .. problem is null ? [] : new[] { "journal" }];
        return new Readiness(notReady.Length == 0, status, problem ?? "reachable", notReady);
    }
}

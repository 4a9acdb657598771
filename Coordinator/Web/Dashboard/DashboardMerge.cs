using P2C2R.Coordinator.Observability;

namespace P2C2R.Coordinator.Web.Dashboard;

/// <summary>
/// Merges the nodes' latest <see cref="NodeView"/>s into the one <see cref="DashboardSnapshot"/> the
/// dashboard shows: a row per node (this one first), every node's sessions and helpers (each row
/// stamped with its node), task rates
/// summed by type and outcome, and canaries caught and validation rejects summed. Pure, so the
/// merge is tested without a cluster.
/// </summary>
public static class DashboardMerge
{
    /// <summary>The status of a node this node's cluster state does not (yet) list.</summary>
    public const string NotJoined = "not joined";

    public static DashboardSnapshot Snapshot(string self, DateTime now, IReadOnlyCollection<HeardView> views, IReadOnlyDictionary<string, ClusterMember> members, LedgerTotals ledger)
    {
        var ordered = views.OrderBy(v => v.View.Node != self).ThenBy(v => v.View.Node, StringComparer.Ordinal).ToList();
        var nodes = ordered.Select(heard =>
        {
            var view = heard.View;
            var member = members.GetValueOrDefault(view.Node) ?? new ClusterMember(NotJoined, "");
            return new NodeRow(view.Node, member.Status, member.Roles, view.Node == self, view.SessionCount, view.HelperCount, view.Cpu,
                Math.Max(0, (now - heard.At).TotalSeconds));
        });
        var tasks = ordered.SelectMany(v => v.View.Tasks)
            .GroupBy(t => (t.Type, t.Outcome))
            .Select(g => new TaskRate(g.Key.Type, g.Key.Outcome, g.Sum(t => t.PerSecond), g.Sum(t => t.Total)))
            .OrderBy(t => t.Type, StringComparer.Ordinal).ThenBy(t => t.Outcome, StringComparer.Ordinal)
            .ToArray();
        return new DashboardSnapshot(
            self,
            now,
            [.. nodes],
            [.. ordered.SelectMany(v => v.View.Sessions.Select(s => s with { Node = v.View.Node })).OrderBy(s => s.Id, StringComparer.Ordinal)],
            [.. ordered.SelectMany(v => v.View.Helpers.Select(h => h with { Node = v.View.Node }))],
            tasks,
            ledger,
            ordered.Sum(v => v.View.CanariesCaught),
            tasks.Where(t => t.Outcome == CoordinatorMetrics.Name(TaskOutcome.Rejected)).Sum(t => t.Total));
    }
}

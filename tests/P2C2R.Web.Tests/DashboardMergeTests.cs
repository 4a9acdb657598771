using P2C2R.Coordinator.Web.Dashboard;

namespace P2C2R.Web.Tests;

/// <summary>
/// The cluster-wide dashboard: the latest view of every node merged into one snapshot (this node
/// first with its full counts, rows from every node stamped with it, task rates summed), and a
/// node that left the cluster or went silent forgotten while this node's own view stays.
/// </summary>
public sealed class DashboardMergeTests
{
    private const string A = "akka.tcp://coordinator@127.0.0.1:4001";
    private const string B = "akka.tcp://coordinator@127.0.0.1:4002";
    private const string C = "akka.tcp://coordinator@127.0.0.1:4003";
    private static readonly DateTime Now = new(2026, 12, 4, 15, 0, 0, DateTimeKind.Utc);
    private static readonly LedgerTotals Ledger = new(3, 90, -90, 12);

    private static readonly Dictionary<string, ClusterMember> Members = new(StringComparer.Ordinal)
    {
        [A] = new("Up", "coordinator"),
        [B] = new("Unreachable", "coordinator"),
        [C] = new("Up", "coordinator"),
    };

    [Fact]
    public void Every_nodes_sessions_helpers_and_task_rates_are_merged_with_this_node_first()
    {
        var views = new NodeViews(B);
        views.Hear(View(A, sessions: ["s2", "s9"], helpers: 2, rate: 10, rejected: 4, canaries: 1, cpu: 0.5), Now.AddSeconds(-2));
        views.Hear(View(B, sessions: ["s1"], helpers: 1, rate: 5, rejected: 3, canaries: 2, cpu: 0.25), Now);

        var snapshot = DashboardMerge.Snapshot(B, Now, views.Latest, Members, Ledger);

        Assert.Equal(B, snapshot.Node);
        Assert.Equal(
            [new NodeRow(B, "Unreachable", "coordinator", true, 1001, 1001, 0.25, 0), new NodeRow(A, "Up", "coordinator", false, 1002, 1002, 0.5, 2)],
            snapshot.Nodes);
        Assert.Equal(["s1", "s2", "s9"], snapshot.Sessions.Select(s => s.Id));
        Assert.Equal([B, A, A], snapshot.Sessions.Select(s => s.Node));
        Assert.Equal([(B, 1L), (A, 1L), (A, 2L)], snapshot.Helpers.Select(h => (h.Node, h.Id)));
        Assert.Equal(
            [new TaskRate("render.raytrace", "helper_accepted", 15, 150), new TaskRate("render.raytrace", "rejected", 0, 7)],
            snapshot.Tasks);
        Assert.Equal(7, snapshot.ValidationRejects);
        Assert.Equal(3, snapshot.CanariesCaught);
        Assert.Same(Ledger, snapshot.Ledger);
    }

    [Fact]
    public void A_node_that_left_the_cluster_or_went_silent_is_dropped_but_this_node_stays()
    {
        var views = new NodeViews(A);
        views.Hear(View(A, ["s1"], 1, 1, 0, 0, 0.1), Now.AddMinutes(-1));
        views.Hear(View(B, ["s2"], 1, 1, 0, 0, 0.1), Now.AddSeconds(-2));
        views.Hear(View(C, ["s3"], 1, 1, 0, 0, 0.1), Now.AddSeconds(-4));
        views.Hear(View("akka.tcp://coordinator@127.0.0.1:4004", ["s4"], 1, 1, 0, 0, 0.1), Now);

        views.Prune(Now, TimeSpan.FromSeconds(3), Members);
        var snapshot = DashboardMerge.Snapshot(A, Now, views.Latest, new Dictionary<string, ClusterMember>(), Ledger);

        Assert.Equal([A, B], snapshot.Nodes.Select(n => n.Address));
        Assert.Equal(DashboardMerge.NotJoined, snapshot.Nodes[0].Status);
        Assert.Equal(["s1", "s2"], snapshot.Sessions.Select(s => s.Id));
    }

    [Fact]
    public void A_newer_view_of_a_node_replaces_its_older_one()
    {
        var views = new NodeViews(A);
        views.Hear(View(B, ["s1", "s2"], 1, 1, 0, 0, 0.1), Now.AddSeconds(-1));
        views.Hear(View(B, ["s3"], 1, 1, 0, 0, 0.1), Now);

        var snapshot = DashboardMerge.Snapshot(A, Now, views.Latest, Members, Ledger);

        Assert.Equal(["s3"], snapshot.Sessions.Select(s => s.Id));
        Assert.Equal(0, Assert.Single(snapshot.Nodes).AgeSeconds);
    }

    private static NodeView View(string node, string[] sessions, int helpers, double rate, long rejected, long canaries, double cpu) => new(
        node,
        [.. sessions.Select(id => new SessionRow(id, "ann", 10, 30, 0.5, 100, 200, 0, 0))],
        [.. Enumerable.Range(1, helpers).Select(id => new HelperRow(id, "h" + id, "vol", true, false, 0.9, 5, 1, 4, 3, 10))],
        [new TaskRate("render.raytrace", "helper_accepted", rate, (long)(rate * 10)), new TaskRate("render.raytrace", "rejected", 0, rejected)],
        canaries,
        cpu,
        sessions.Length + 1000,
        helpers + 1000);
}

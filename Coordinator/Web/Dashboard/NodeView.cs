using MessagePack;
using P2C2R.Coordinator.Serialization;

namespace P2C2R.Coordinator.Web.Dashboard;

/// <summary>
/// One coordinator node's own figures, published by its <see cref="DashboardFeed"/> every second to
/// every node (distributed pub-sub, topic <see cref="DashboardFeed.Topic"/>), so the dashboard of
/// any node shows the whole cluster. <see cref="Node"/> is the node's cluster address; its rows
/// leave their own empty (the merge fills it in) and are at most <see cref="MaxRows"/> of each kind,
/// so a view stays well within one Akka.Remote frame (128 kB), while <see cref="SessionCount"/> and
/// <see cref="HelperCount"/> count them all. <see cref="Cpu"/> is the node process's share of its
/// machine's CPU (0 to 1). It holds no time of its own: a receiver ages it by its own clock, from
/// when it was heard.
/// </summary>
[MessagePackObject]
public sealed record NodeView(
    [property: Key(0)] string Node,
    [property: Key(1)] SessionRow[] Sessions,
    [property: Key(2)] HelperRow[] Helpers,
    [property: Key(3)] TaskRate[] Tasks,
    [property: Key(4)] long CanariesCaught,
    [property: Key(5)] double Cpu,
    [property: Key(6)] int SessionCount,
    [property: Key(7)] int HelperCount) : ICoordinatorMessage
{
    /// <summary>Session rows, and helper rows, a view carries at most.</summary>
    public const int MaxRows = 300;
}

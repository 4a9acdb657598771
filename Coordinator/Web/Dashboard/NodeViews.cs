namespace P2C2R.Coordinator.Web.Dashboard;

/// <summary>
/// The latest <see cref="NodeView"/> of every coordinator node, with when this node heard it; held
/// by <see cref="DashboardFeed"/>. A node that left the cluster, or whose view is older than the
/// given age (it is gone, or too busy to publish), is forgotten; this node's own view is kept.
/// </summary>
public sealed class NodeViews(string self)
{
    private readonly Dictionary<string, HeardView> _latest = new(StringComparer.Ordinal);

    public string Self { get; } = self;

    public IReadOnlyCollection<HeardView> Latest => _latest.Values;

    /// <summary>Keeps <paramref name="view"/> as its node's latest, heard at <paramref name="at"/>.</summary>
    public void Hear(NodeView view, DateTime at) => _latest[view.Node] = new HeardView(view, at);

    /// <summary>Forgets the nodes not in <paramref name="members"/> and those not heard since <paramref name="now"/> less <paramref name="maxAge"/>.</summary>
    public void Prune(DateTime now, TimeSpan maxAge, IReadOnlyDictionary<string, ClusterMember> members)
    {
        foreach (var (node, heard) in _latest)
        {
            if (node != Self && (!members.ContainsKey(node) || now - heard.At > maxAge))
            {
                _latest.Remove(node);
            }
        }
    }
}

/// <summary>A node's view and when (this node's clock, UTC) it was heard.</summary>
public sealed record HeardView(NodeView View, DateTime At);

/// <summary>A cluster member as this node's cluster state shows it: its status (Up, Leaving, Unreachable…) and roles.</summary>
public sealed record ClusterMember(string Status, string Roles);

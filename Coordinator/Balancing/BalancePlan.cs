namespace P2C2R.Coordinator.Balancing;

/// <summary>
/// Where, if anywhere, a node should send one of its helpers: a pure function of the nodes' loads,
/// so the policy is tested without a cluster. A node's share of the cluster's helpers is in
/// proportion to its sessions. A node gives a helper away only when it holds at least
/// <see cref="Hysteresis"/> helper more than its share and the receiving node at least that much
/// less; so after a move neither is past its share the other way, and the helper is not moved
/// back. A node that has sessions and no helper at all is given one by any node above its share,
/// before anything else. A node never gives away its last helper while it has sessions, and a
/// cluster without sessions moves nothing.
/// </summary>
public static class BalancePlan
{
    /// <summary>How many helpers beyond (or short of) its share a node must be before a helper moves away from (or to) it.</summary>
    public const double Hysteresis = 1.0;

    /// <summary>The node <paramref name="self"/> should send one helper to, or null. <paramref name="others"/> may include <paramref name="self"/>'s own publication; it is ignored.</summary>
    public static NodeLoad? TargetFor(NodeLoad self, IEnumerable<NodeLoad> others)
    {
        var peers = others.Where(n => n.Node != self.Node).ToList();
        var sessions = self.Sessions + peers.Sum(n => (long)n.Sessions);
        var helpers = self.Helpers + peers.Sum(n => (long)n.Helpers);
        if (sessions == 0 || self.Helpers == 0 || (self.Sessions > 0 && self.Helpers == 1))
        {
            return null;
        }

        double Share(NodeLoad node) => (double)helpers * node.Sessions / sessions;
        var surplus = self.Helpers - Share(self);
        NodeLoad? best = null;
        var bestNeed = double.NegativeInfinity;
        foreach (var node in peers.Where(n => n.Sessions > 0 && n.EdgeAddress.Length > 0))
        {
            var starved = node.Helpers == 0;
            var need = starved ? double.PositiveInfinity : Share(node) - node.Helpers;
            var fits = starved ? surplus > 0 : surplus >= Hysteresis && need >= Hysteresis;
            if (fits && (need > bestNeed || (need == bestNeed && Before(node, best!))))
            {
                (best, bestNeed) = (node, need);
            }
        }

        return best;
    }

    /// <summary>Between two nodes in equal need: the one with fewer helpers, then the first by address, so every node picks alike.</summary>
    private static bool Before(NodeLoad node, NodeLoad other) =>
        node.Helpers != other.Helpers ? node.Helpers < other.Helpers : string.CompareOrdinal(node.Node, other.Node) < 0;
}

using P2C2R.Coordinator.Balancing;
using P2C2R.Coordinator.Helpers;
using P2C2R.Coordinator.Ledger;
using P2C2R.Coordinator.Sessions;
using P2C2R.Coordinator.Web.Dashboard;

namespace P2C2R.Coordinator.Serialization;

/// <summary>
/// The manifest of every message that crosses between coordinator nodes
/// (<see cref="ICoordinatorMessage"/>). Nodes of two versions may share a cluster during a rolling
/// restart, so a manifest is never changed or reused, and fields are only appended.
/// </summary>
public static class CoordinatorMessageTable
{
    public static IReadOnlyList<(string Manifest, Type Type)> All { get; } =
    [
        ("cluster.gamer-command", typeof(GamerCommand)),
        ("cluster.session-command", typeof(SessionCommand)),
        ("cluster.open-session", typeof(OpenSession)),
        ("cluster.session-attached", typeof(SessionAttached)),
        ("cluster.session-report", typeof(SessionReport)),
        ("cluster.session-moved", typeof(SessionMoved)),
        ("cluster.charge-play", typeof(ChargePlay)),
        ("cluster.credit-helper", typeof(CreditHelper)),
        ("cluster.credits-posted", typeof(CreditsPosted)),
        ("cluster.query-gamer-balance", typeof(QueryGamerBalance)),
        ("cluster.query-ledger", typeof(QueryLedger)),
        ("cluster.ledger-balances", typeof(LedgerBalances)),
        ("helper.get-standing", typeof(GetStanding)),
        ("helper.standing", typeof(Standing)),
        ("cluster.node-load", typeof(NodeLoad)),
        ("cluster.query-helper-balance", typeof(QueryHelperBalance)),
        ("cluster.node-view", typeof(NodeView)),
    ];
}

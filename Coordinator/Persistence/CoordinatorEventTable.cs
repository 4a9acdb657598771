using P2C2R.Coordinator.Helpers;
using P2C2R.Coordinator.Ledger;
using P2C2R.Coordinator.Sessions;

namespace P2C2R.Coordinator.Persistence;

/// <summary>
/// The manifest of every journalled type. The journal stores each row under its manifest, so a
/// type may be renamed or moved freely, but a manifest is never changed or reused: rows written
/// years ago must still be read. Fields follow the edge protocol's rule (docs/PROTOCOL.md §8):
/// new fields are appended, never renumbered.
/// </summary>
public static class CoordinatorEventTable
{
    public static IReadOnlyList<(string Manifest, Type Type)> All { get; } =
    [
        ("session.keys-from", typeof(KeysFrom)),
        ("session.snapshot", typeof(SessionSnapshot)),
        ("sessions.opened", typeof(SessionOpened)),
        ("sessions.closed", typeof(SessionClosed)),
        ("ledger.posted", typeof(Posted)),
        ("ledger.snapshot", typeof(LedgerSnapshot)),
        ("registry.enrolled", typeof(HelperEnrolled)),
        ("registry.reputation", typeof(ReputationChanged)),
    ];
}

using P2C2R.Coordinator.Helpers;

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
        ("helper.get-standing", typeof(GetStanding)),
        ("helper.standing", typeof(Standing)),
    ];
}

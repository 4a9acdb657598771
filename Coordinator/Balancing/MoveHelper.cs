namespace P2C2R.Coordinator.Balancing;

/// <summary>
/// <see cref="HelperBalancer"/> → a helper's connection on the same node: ask the helper to
/// reconnect to the node whose edge is <paramref name="EdgeAddress"/> (<c>helper.move</c>), then
/// close. Never crosses nodes: a node only moves helpers connected to it.
/// </summary>
public sealed record MoveHelper(string EdgeAddress);

namespace P2C2R.PeerNode.Helping;

/// <summary>
/// What a helper is doing, published on its actor system's event stream every second as an
/// immutable snapshot, so a console panel can show it without touching the actor's state.
/// <see cref="Coordinator"/> is null while the helper is not connected; <see cref="HelperId"/> is
/// 0 until the coordinator accepted it.
/// </summary>
public sealed record HelperStatus(
    string Name,
    string Account,
    string? Coordinator,
    long HelperId,
    long TasksDone,
    long Validated,
    long Rejected,
    long Credits,
    int Running,
    int Queued,
    int Capacity,
    bool Draining);

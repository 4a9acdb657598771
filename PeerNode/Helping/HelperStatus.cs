namespace P2C2R.PeerNode.Helping;

/// <summary>
/// What a helper is doing, published on its actor system's event stream every second as an
/// immutable snapshot, so a console panel can show it without touching the actor's state.
/// </summary>
public sealed record HelperStatus(
    string Name,
    long HelperId,
    long TasksDone,
    long Validated,
    long Rejected,
    long Credits,
    int Running,
    int Queued,
    int Capacity,
    bool Draining);

namespace P2C2R.PeerNode.Helping;

/// <summary>
/// Ask a helper to drain before it stops: tasks not yet started are handed back at once, new ones
/// are refused, running ones may finish for up to <paramref name="Timeout"/>; then whatever still
/// runs is handed back and the helper says <c>Goodbye</c> to its coordinator.
/// </summary>
public sealed record Drain(TimeSpan Timeout);

/// <summary>
/// Reply to <see cref="Drain"/>: the coordinator owes nothing to this helper any more.
/// <paramref name="TasksDone"/> over the helper's life; <paramref name="HandedBack"/> by the drain.
/// </summary>
public sealed record Drained(long TasksDone, int HandedBack);

namespace P2C2R.PeerNode.Helping;

/// <summary>Ask a helper to drain before it stops: queued tasks are handed back at once, running ones finish.</summary>
public sealed record Drain;

/// <summary>Reply to <see cref="Drain"/>: nothing is running any more; <paramref name="TasksDone"/> over the helper's life.</summary>
public sealed record Drained(long TasksDone);

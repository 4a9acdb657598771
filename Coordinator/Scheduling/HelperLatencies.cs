namespace P2C2R.Coordinator.Scheduling;

/// <summary>Ask the scheduler for its helpers' recent task round trips (the operator dashboard does, every second).</summary>
public sealed record QueryHelperLatencies
{
    public static QueryHelperLatencies Instance { get; } = new();
}

/// <summary>
/// Reply to <see cref="QueryHelperLatencies"/>: per helper id, the round trips of its last results
/// (sent to answered, as the scheduler measures them to hedge); a helper with none yet is absent.
/// </summary>
public sealed record HelperLatencies(IReadOnlyDictionary<long, HelperLatency> ByHelper);

/// <summary>One helper's task round trips over its last <see cref="Samples"/> results, in milliseconds.</summary>
public sealed record HelperLatency(double MeanMs, double P95Ms, int Samples);

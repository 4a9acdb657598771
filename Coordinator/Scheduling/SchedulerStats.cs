namespace P2C2R.Coordinator.Scheduling;

/// <summary>Ask the scheduler for a snapshot of its counters.</summary>
public sealed record QuerySchedulerStats;

/// <summary>
/// A snapshot of the scheduler's lifetime counters; <see cref="FailoverMs"/> holds, per helper
/// lost, the milliseconds from noticing it gone to its last task re-dispatched, and
/// <see cref="FailoverAt"/> when (UTC) that re-dispatch was done.
/// </summary>
public sealed record SchedulerStats(long Tasks, long HelperResults, long Rejected, long LocalFallbacks, long Hedges, long Reassigned, long Canaries, double[] FailoverMs, DateTime[] FailoverAt);

/// <summary>The scheduler's mutable counters; only snapshots leave the actor.</summary>
internal sealed class SchedulerCounters
{
    public long Tasks { get; set; }

    public long HelperResults { get; set; }

    public long Rejected { get; set; }

    public long LocalFallbacks { get; set; }

    public long Hedges { get; set; }

    public long Reassigned { get; set; }

    public long Canaries { get; set; }

    public List<double> FailoverMs { get; } = [];

    public List<DateTime> FailoverAt { get; } = [];

    public SchedulerStats Snapshot() => new(Tasks, HelperResults, Rejected, LocalFallbacks, Hedges, Reassigned, Canaries, [.. FailoverMs], [.. FailoverAt]);
}

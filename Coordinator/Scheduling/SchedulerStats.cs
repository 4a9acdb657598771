namespace P2C2R.Coordinator.Scheduling;

/// <summary>Ask the scheduler for a snapshot of its counters.</summary>
public sealed record QuerySchedulerStats;

/// <summary>
/// A snapshot of the scheduler's lifetime counters; <see cref="FailoverMs"/> holds, per helper
/// lost, the milliseconds from noticing it gone to its last task re-dispatched, and
/// <see cref="FailoverAt"/> when (UTC) that re-dispatch was done, and <see cref="FailoverSlackMs"/>
/// the least time any task that waited on it still had before its deadline then (tasks already
/// being computed here because their deadline came are not counted; none left gives
/// <see cref="TimeSpan.MaxValue"/>): positive means the helper's loss cost no deadline.
/// How results were accepted: <see cref="Quorums"/> by two agreeing helpers, <see cref="Verified"/>
/// by a verifier, <see cref="Settled"/> disagreements and <see cref="SpotChecks"/> by the coordinator
/// computing the task (<see cref="LocalComputes"/> counts every local computation), and
/// <see cref="Unchecked"/> taken from trusted helpers as they were. <see cref="BytesByKind"/> splits
/// the bytes sent to helpers by task type, inline parts and blobs apart (<c>"render.raytrace
/// blobs"</c>), a task's second and later copies (replicas, hedges, reassignments) under
/// <c>"… copy"</c> and canaries under <c>"… canary"</c>, and blobs a helper asked for again under
/// <c>"blob.request"</c>. <see cref="Explorations"/> counts copies sent to newcomers so they can
/// earn trust while chains stay at their homes. Bytes are what
/// was sent to helpers, <see cref="BlobBytes"/> of it as blobs.
/// </summary>
public sealed record SchedulerStats(
    long Tasks, long HelperResults, long Rejected, long LocalFallbacks, long Hedges, long Reassigned, long Canaries,
    double[] FailoverMs, DateTime[] FailoverAt, double[] FailoverSlackMs,
    long Quorums = 0, long Verified = 0, long Settled = 0, long SpotChecks = 0, long LocalComputes = 0,
    long BytesToHelpers = 0, long BlobBytes = 0, long BlobRequests = 0, long Unchecked = 0,
    IReadOnlyDictionary<string, long>? BytesByKind = null, long Explorations = 0);

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

    public long Quorums { get; set; }

    public long Verified { get; set; }

    public long Unchecked { get; set; }

    public long Settled { get; set; }

    public long SpotChecks { get; set; }

    public long LocalComputes { get; set; }

    public long BytesToHelpers { get; set; }

    public long BlobBytes { get; set; }

    public long BlobRequests { get; set; }

    public long Explorations { get; set; }

    /// <summary>Keyed by a task type and a constant suffix (<c>" blobs"</c>, <c>" copy"</c>…), so counting a send allocates nothing.</summary>
    private Dictionary<(string Type, string Part), long> BytesByKind { get; } = [];

    /// <summary>Counts <paramref name="bytes"/> sent to helpers for <paramref name="type"/>, under <paramref name="part"/> (a constant suffix, or empty).</summary>
    public void Sent(string type, string part, long bytes)
    {
        BytesToHelpers += bytes;
        BytesByKind[(type, part)] = BytesByKind.GetValueOrDefault((type, part)) + bytes;
    }

    public List<double> FailoverMs { get; } = [];

    public List<DateTime> FailoverAt { get; } = [];

    public List<double> FailoverSlackMs { get; } = [];

    public SchedulerStats Snapshot() => new(
        Tasks, HelperResults, Rejected, LocalFallbacks, Hedges, Reassigned, Canaries, [.. FailoverMs], [.. FailoverAt], [.. FailoverSlackMs],
        Quorums, Verified, Settled, SpotChecks, LocalComputes, BytesToHelpers, BlobBytes, BlobRequests, Unchecked,
        new SortedDictionary<string, long>(BytesByKind.ToDictionary(k => k.Key.Type + k.Key.Part, k => k.Value), StringComparer.Ordinal), Explorations);
}

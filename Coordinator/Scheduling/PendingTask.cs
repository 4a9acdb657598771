using Akka.Actor;
using P2C2R.Coordinator.Scheduling.Locality;

namespace P2C2R.Coordinator.Scheduling;

/// <summary>
/// The scheduler's state of one work item: which helpers hold a copy, what they answered, and
/// whether the coordinator is computing it itself. A canary is a known-answer task that tests a
/// helper and is never delivered to a session.
/// </summary>
internal sealed class PendingTask(long id, WorkItem work, IActorRef? session, string? canaryHash)
{
    public long Id { get; } = id;

    public WorkItem Work { get; } = work;

    public IActorRef? Session { get; } = session;

    public string? CanaryHash { get; } = canaryHash;

    public bool IsCanary => CanaryHash is not null;

    /// <summary>Agreeing results needed: 2 for a hash quorum, else 1 (checked by a verifier or a spot recomputation).</summary>
    public int Replicas { get; set; } = 1;

    /// <summary>The large parts of the input, which travel as blobs (sent once per helper, then named).</summary>
    public BlobSegment[] Segments { get; set; } = [];

    public Dictionary<long, DateTime> SentAt { get; } = [];

    public Dictionary<long, byte[]> Results { get; } = [];

    public HashSet<long> Finished { get; } = [];

    public int Attempts { get; set; }

    public bool Done { get; set; }

    public bool LocalRunning { get; set; }

    /// <summary>The local computation is a spot check of an accepted-looking result, not a fallback.</summary>
    public bool SpotCheck { get; set; }

    public bool Checking { get; set; }

    /// <summary>Coordinator CPU spent on this task (verifying, computing), in microseconds.</summary>
    public long CpuMicros { get; set; }

    /// <summary>Bytes sent to helpers for this task: inline input and blobs, every copy.</summary>
    public long BytesSent { get; set; }

    /// <summary>The newcomer sent a copy to earn trust (<c>DeadlineScheduler.Explorer</c>), or -1: the task does not wait on it past its hedge.</summary>
    public long Explorer { get; set; } = -1;

    public IEnumerable<long> Outstanding => SentAt.Keys.Where(helper => !Finished.Contains(helper));
}

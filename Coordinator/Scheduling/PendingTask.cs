using Akka.Actor;

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

    /// <summary>Agreeing results needed: 2 while no trusted helper holds the task, else 1 (verified).</summary>
    public int Replicas { get; set; } = 1;

    public Dictionary<long, DateTime> SentAt { get; } = [];

    public Dictionary<long, (byte[] Output, string Hash)> Results { get; } = [];

    public HashSet<long> Finished { get; } = [];

    public int Attempts { get; set; }

    public bool Done { get; set; }

    public bool LocalRunning { get; set; }

    public bool Checking { get; set; }

    public IEnumerable<long> Outstanding => SentAt.Keys.Where(helper => !Finished.Contains(helper));
}

using Akka.Actor;

namespace P2C2R.Coordinator.Helpers;

/// <summary>
/// An immutable snapshot of one helper as the registry judges it, handed to the scheduler. The
/// registry owns the mutable record; the scheduler only ever sees these snapshots. A helper is
/// sent only tasks of the <see cref="TaskTypes"/> it registered (a helper in another language may
/// implement some executors only). <see cref="Host"/> is the network its connection was observed
/// from (<see cref="HostGroup"/>), never what the helper says; <see cref="Reputation"/> is a
/// priority only; <see cref="Trusted"/> and <see cref="ReplicationRate"/> follow its run of
/// consecutive valid results (<see cref="AdaptiveReplication"/>).
/// </summary>
public sealed record HelperView(long Id, IActorRef Ref, string Name, string Account, string Host, double Reputation, bool Trusted, bool Quarantined, int Capacity, int Active, double FrameMs, string[] TaskTypes)
{
    /// <summary>The size of the helper's blob cache as it declared it (0: unknown), so the scheduler can model what it holds.</summary>
    public long BlobCacheBytes { get; init; }

    /// <summary>Consecutive valid results since the helper's last rejected one.</summary>
    public long ValidRun { get; init; }

    /// <summary>Results of this helper validated so far (its standing survives reconnects and restarts).</summary>
    public long Validated { get; init; }

    /// <summary>Whether the helper agreed to be named on the public community page (<see cref="P2C2R.Protocol.Contracts.HelperCapabilities.PublicName"/>).</summary>
    public bool PublicName { get; init; }

    /// <summary>The probability that a task given to this helper alone is also given to a second helper: 1 until it is trusted.</summary>
    public double ReplicationRate { get; init; } = 1.0;

    public bool Runs(string taskType) => Array.IndexOf(TaskTypes, taskType) >= 0;
}

/// <summary>
/// Registry → subscribers: the helpers now known. Sent at once when a helper joins or leaves or
/// is quarantined or released, and at most every 100 ms for other changes of standing (a helper
/// gaining trust a little later only costs a little more replication).
/// </summary>
public sealed record HelperDirectory(IReadOnlyList<HelperView> Helpers);

/// <summary>Ask the registry to publish <see cref="HelperDirectory"/> to the sender from now on (until the sender stops).</summary>
public sealed record SubscribeHelpers
{
    public static SubscribeHelpers Instance { get; } = new();
}

/// <summary>What the scheduler or validator concluded about one result of a helper.</summary>
public enum JudgementKind
{
    Validated,

    /// <summary>Taken unchecked from a trusted helper: it earns its cost, but proves nothing, so the valid run stays where it was.</summary>
    Accepted,
    Rejected,
    TimedOut,
    Failed,
}

/// <summary>Scheduler → registry: a helper's result was judged; validated work earns its cost in credits.</summary>
public sealed record Judgement(long HelperId, JudgementKind Kind, long Cost);

using P2C2R.Actors;

namespace P2C2R.Protocol;

/// <summary>
/// What a helper offers, measured on the helper at start (<c>FrameMs</c> is its self-test's
/// whole-frame time). The coordinator sizes and routes work by it, and the account and address
/// keep two replicas of one task off machines controlled by the same person. A helper that
/// <paramref name="Donate"/>s gives its earnings to the community fund instead of its account.
/// </summary>
public sealed record HelperCapabilities(string Name, string Account, int Cores, long MemoryBytes, string[] TaskTypes, double FrameMs, int Concurrency, bool Donate = false);

/// <summary>Helper → coordinator registry: "send me work at <paramref name="Helper"/>".</summary>
public sealed record RegisterHelper(IActorRef Helper, HelperCapabilities Capabilities);

/// <summary>Registry → helper: accepted, with its id and the credits it holds.</summary>
public sealed record HelperAccepted(long HelperId, long Credits);

/// <summary>Helper → registry, every heartbeat interval: how busy it is.</summary>
public sealed record HelperLoad(int Active, int Capacity);

/// <summary>Scheduler → helper: one task, with the milliseconds it has before the result is useless.</summary>
public sealed record AssignTask(long TaskId, string TaskType, byte[] Input, int DeadlineMs);

/// <summary>How a task ended on a helper.</summary>
public enum TaskResultStatus
{
    Ok = 0,
    InvalidInput = 1,
    Failed = 2,
    HandedBack = 3,
}

/// <summary>Helper → scheduler: the outcome of an <see cref="AssignTask"/>.</summary>
public sealed record TaskResult(long TaskId, TaskResultStatus Status, byte[]? Output, string? Reason, long ElapsedMicros);

/// <summary>Registry → helper, after each validated result: what it has earned.</summary>
public sealed record CreditUpdate(long Credits, long Validated, long Rejected);

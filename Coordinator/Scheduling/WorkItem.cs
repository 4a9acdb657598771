namespace P2C2R.Coordinator.Scheduling;

/// <summary>
/// A task a session needs done by <see cref="Deadline"/>: the scheduler may give it to helpers,
/// hedge it, reassign it, or compute it itself, but the session receives exactly one validated
/// output (<see cref="WorkDone"/>), tagged with <see cref="Key"/>. Tasks sharing an
/// <see cref="Affinity"/> (a session's frame chain: bands, upscale, delta) go to the same helpers
/// where those can take them, because each task's input is the output of the one before and is
/// then already there. A task whose output <see cref="FoldsIntoWorld"/> is never accepted on one
/// helper's word: it needs two helpers on different hosts agreeing, or the coordinator.
/// </summary>
public sealed record WorkItem(long Key, string TaskType, byte[] Input, long Cost, DateTime Deadline, long Affinity = 0, bool FoldsIntoWorld = false);

/// <summary>
/// Scheduler → session: the validated output of a work item of <see cref="TaskType"/>. <see cref="ByHelper"/>: accepted from
/// helpers without the coordinator computing it; <see cref="CoordinatorComputed"/>: the coordinator
/// computed it in full (a fallback, a disagreement settled, a spot check). <see cref="CpuMicros"/> is
/// the coordinator's CPU spent verifying or computing it, <see cref="HelperBytes"/> what was sent to
/// helpers for it (inline input and blobs, every copy).
/// </summary>
public sealed record WorkDone(long Key, string TaskType, byte[] Output, bool ByHelper, bool CoordinatorComputed, long CpuMicros = 0, long HelperBytes = 0);

/// <summary>Scheduler → session, once per result it threw away: a helper's output for a task of <see cref="TaskType"/> failed validation.</summary>
public sealed record ResultRejected(long Key, string TaskType, long HelperId, string Reason);

namespace P2C2R.Coordinator.Scheduling;

/// <summary>
/// A task a session needs done by <see cref="Deadline"/>: the scheduler may give it to helpers,
/// hedge it, reassign it, or compute it itself, but the session receives exactly one validated
/// output (<see cref="WorkDone"/>), tagged with <see cref="Key"/>.
/// </summary>
public sealed record WorkItem(long Key, string TaskType, byte[] Input, long Cost, DateTime Deadline);

/// <summary>Scheduler → session: the validated output of a work item, and who computed it.</summary>
public sealed record WorkDone(long Key, byte[] Output, bool ByHelper, bool LocalFallback);

/// <summary>Scheduler → session, once per result it threw away: a helper's output failed validation.</summary>
public sealed record ResultRejected(long Key, long HelperId, string Reason);

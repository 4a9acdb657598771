namespace P2C2R.Coordinator.Observability;

/// <summary>
/// How a session's task ended, as its session counts it (<see cref="Protocol.Contracts.SessionCounters"/>):
/// the tag <c>outcome</c> of <c>p2c2r_tasks_total</c>. <see cref="Rejected"/> counts helpers'
/// results thrown away, so a task may be rejected once or more and still end in one of the others.
/// </summary>
public enum TaskOutcome
{
    /// <summary>Output accepted from helpers without the coordinator computing it (a quorum, a verifier, a trusted helper's word).</summary>
    HelperAccepted,

    /// <summary>The coordinator computed it in full: no helper answered in time, a disagreement settled, a spot check.</summary>
    CoordinatorComputed,

    /// <summary>A game task whose validated result was not back when its tick came due, computed by the session on the spot.</summary>
    LocalFallback,

    /// <summary>A helper's result failed validation and was thrown away.</summary>
    Rejected,
}

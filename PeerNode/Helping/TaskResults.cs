using P2C2R.Protocol.Contracts;
using P2C2R.Sandbox;

namespace P2C2R.PeerNode.Helping;

/// <summary>How a helper words its answers: one <see cref="TaskResult"/> for each way a task can end.</summary>
public static class TaskResults
{
    /// <summary>The result of a task that ran: its output, or why it has none.</summary>
    public static TaskResult From(long taskId, TaskOutcome outcome)
    {
        var micros = (long)outcome.Elapsed.TotalMicroseconds;
        return outcome.Kind switch
        {
            TaskOutcomeKind.Succeeded => new TaskResult(taskId, TaskResultStatus.Ok, outcome.Output, null, micros),
            TaskOutcomeKind.InvalidInput => new TaskResult(taskId, TaskResultStatus.InvalidInput, null, outcome.Reason, micros),
            _ => new TaskResult(taskId, TaskResultStatus.Failed, null, outcome.Reason, micros),
        };
    }

    /// <summary>A task this helper will not run because its input breaks a limit or names nothing it can run.</summary>
    public static TaskResult Refused(long taskId, string reason) => new(taskId, TaskResultStatus.InvalidInput, null, reason, 0);

    /// <summary>A task that could not be computed here in time; the coordinator computes it elsewhere.</summary>
    public static TaskResult Failed(long taskId, string reason) => new(taskId, TaskResultStatus.Failed, null, reason, 0);

    /// <summary>A task given back untouched (or abandoned) because the helper is busy or stopping.</summary>
    public static TaskResult HandedBack(long taskId, string reason) => new(taskId, TaskResultStatus.HandedBack, null, reason, 0);
}

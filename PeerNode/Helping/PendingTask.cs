using System.Diagnostics;
using P2C2R.Protocol.Contracts;

namespace P2C2R.PeerNode.Helping;

/// <summary>
/// A task a helper holds but has not started: its input (inline or resolved from a blob), when it
/// arrived on the monotonic clock, and the connection it came on, whose end makes it moot.
/// </summary>
internal readonly record struct PendingTask(AssignTask Task, byte[] Input, long ReceivedTimestamp, int Connection)
{
    /// <summary>Time left of the task's deadline, counted from when it arrived.</summary>
    public TimeSpan Remaining() => TimeSpan.FromMilliseconds(Task.DeadlineMs) - Stopwatch.GetElapsedTime(ReceivedTimestamp);
}

/// <summary>A task running in the sandbox, and the connection its result belongs to.</summary>
internal readonly record struct RunningTask(long TaskId, int Connection);

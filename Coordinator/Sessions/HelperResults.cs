using P2C2R.Coordinator.Observability;
using P2C2R.GameSdk;

namespace P2C2R.Coordinator.Sessions;

/// <summary>
/// A session's answer to its world when a task comes due: the validated helper output if it came
/// back in time, else the task computed here on the spot (a local fallback, counted). Outputs for
/// tasks the world no longer waits for are dropped.
/// </summary>
internal sealed class HelperResults : ITaskResults
{
    private readonly Dictionary<long, byte[]?> _awaited = [];

    /// <summary>Tasks computed here because no validated result was back when they came due.</summary>
    public long Fallbacks { get; private set; }

    public void Await(GameTask task) => _awaited[task.Id] = null;

    /// <summary>Keeps a validated output for when its task comes due.</summary>
    public void Accept(long taskId, byte[] output)
    {
        if (_awaited.ContainsKey(taskId))
        {
            _awaited[taskId] = output;
        }
    }

    public byte[] Resolve(GameTask task)
    {
        if (_awaited.Remove(task.Id, out var output) && output is not null)
        {
            return output;
        }

        Fallbacks++;
        CoordinatorMetrics.TaskDone(task.Type, TaskOutcome.LocalFallback);
        return LocalResults.Run(task.Type, task.Input);
    }
}

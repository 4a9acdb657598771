using P2C2R.Coordinator.Scheduling;
using P2C2R.Tasks;

namespace P2C2R.Coordinator.Tests;

/// <summary>Stands in for the scheduler in session tests: computes every work item at once, as the coordinator's own fallback would.</summary>
internal sealed class LocalScheduler : ReceiveActor
{
    public LocalScheduler() => Receive<WorkItem>(work =>
    {
        TaskExecutors.TryGet(work.TaskType, out var executor);
        Sender.Tell(new WorkDone(work.Key, work.TaskType, executor.Execute(work.Input), ByHelper: false, CoordinatorComputed: true));
    });
}

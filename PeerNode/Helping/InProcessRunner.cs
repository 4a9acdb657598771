using System.Diagnostics;
using P2C2R.Sandbox;
using P2C2R.Tasks;

namespace P2C2R.PeerNode.Helping;

/// <summary>Runs tasks on the thread pool of this process, with no isolation: for tests and simulations only.</summary>
public sealed class InProcessRunner : ITaskRunner
{
    public Task<TaskOutcome> RunAsync(string taskType, byte[] input, TimeSpan deadline, CancellationToken cancellation) => Task.Run(() =>
    {
        var clock = Stopwatch.StartNew();
        if (!TaskExecutors.TryGet(taskType, out var executor))
        {
            return new TaskOutcome(TaskOutcomeKind.InvalidInput, null, $"unknown task type {taskType}", clock.Elapsed, TimeSpan.Zero);
        }

        try
        {
            var output = executor.Execute(input);
            return new TaskOutcome(TaskOutcomeKind.Succeeded, output, null, clock.Elapsed, clock.Elapsed);
        }
        catch (TaskInputException error)
        {
            return new TaskOutcome(TaskOutcomeKind.InvalidInput, null, error.Message, clock.Elapsed, TimeSpan.Zero);
        }
    }, cancellation);
}

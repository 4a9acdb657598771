using P2C2R.Sandbox;

namespace P2C2R.PeerNode.Helping;

/// <summary>
/// Where a helper runs a task. Real helpers use <see cref="SandboxRunner"/>; simulations of many
/// helpers in one test process use <see cref="InProcessRunner"/>, and cheating helpers in tests
/// wrap one to corrupt its outputs.
/// </summary>
public interface ITaskRunner
{
    Task<TaskOutcome> RunAsync(string taskType, byte[] input, TimeSpan deadline, CancellationToken cancellation);
}

/// <summary>
/// Runs tasks in the helper's sandbox of worker processes. A task's scheduling deadline only
/// decides whether it is worth starting; the wall-clock limit that kills a worker is never
/// shorter than the sandbox's own, so a busy moment does not turn into a restart storm.
/// </summary>
public sealed class SandboxRunner(Sandbox.Sandbox sandbox) : ITaskRunner
{
    public Task<TaskOutcome> RunAsync(string taskType, byte[] input, TimeSpan deadline, CancellationToken cancellation) =>
        sandbox.ExecuteAsync(taskType, input, deadline > sandbox.Options.DefaultDeadline ? deadline : sandbox.Options.DefaultDeadline, cancellation);
}

/// <summary>Runs tasks on the thread pool of this process, with no isolation: for tests and simulations only.</summary>
public sealed class InProcessRunner : ITaskRunner
{
    public Task<TaskOutcome> RunAsync(string taskType, byte[] input, TimeSpan deadline, CancellationToken cancellation) => Task.Run(() =>
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        if (!Tasks.TaskExecutors.TryGet(taskType, out var executor))
        {
            return new TaskOutcome(TaskOutcomeKind.InvalidInput, null, $"unknown task type {taskType}", clock.Elapsed, TimeSpan.Zero);
        }

        try
        {
            var output = executor.Execute(input);
            return new TaskOutcome(TaskOutcomeKind.Succeeded, output, null, clock.Elapsed, clock.Elapsed);
        }
        catch (Tasks.TaskInputException error)
        {
            return new TaskOutcome(TaskOutcomeKind.InvalidInput, null, error.Message, clock.Elapsed, TimeSpan.Zero);
        }
    }, cancellation);
}

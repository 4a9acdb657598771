using P2C2R.Sandbox;

namespace P2C2R.PeerNode.Helping;

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

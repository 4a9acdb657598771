using P2C2R.Sandbox;

namespace P2C2R.PeerNode.Helping;

/// <summary>
/// Where a helper runs a task. Real helpers use <see cref="SandboxRunner"/>; simulations of many
/// helpers in one test process use <see cref="InProcessRunner"/>, and tests of cheating or slow
/// helpers wrap one. An implementation never throws for anything the task does: it reports it
/// in the <see cref="TaskOutcome"/>.
/// </summary>
public interface ITaskRunner
{
    Task<TaskOutcome> RunAsync(string taskType, byte[] input, TimeSpan deadline, CancellationToken cancellation);
}

using P2C2R.PeerNode.Helping;
using P2C2R.Sandbox;

namespace P2C2R.EndToEnd.Tests;

/// <summary>
/// An honest helper until its <paramref name="holdFrom"/>th task; from then on it holds every task
/// without answering and says so through <see cref="Holding"/>, so a test can crash it at a moment
/// it certainly holds work.
/// </summary>
public sealed class HoldingRunner(int holdFrom) : ITaskRunner
{
    private static readonly TimeSpan HoldAtMost = TimeSpan.FromSeconds(30);
    private readonly InProcessRunner _honest = new();
    private int _started;

    public TaskCompletionSource Holding { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async Task<TaskOutcome> RunAsync(string taskType, byte[] input, TimeSpan deadline, CancellationToken cancellation)
    {
        if (Interlocked.Increment(ref _started) >= holdFrom)
        {
            Holding.TrySetResult();
            await Task.Delay(HoldAtMost, cancellation);
        }

        return await _honest.RunAsync(taskType, input, deadline, cancellation);
    }
}

using P2C2R.PeerNode.Helping;
using P2C2R.Sandbox;

namespace P2C2R.EndToEnd.Tests;

/// <summary>
/// An honest helper until its <paramref name="holdFrom"/>th task; from then on it holds every task
/// without answering (until <see cref="Release"/>, 30 s at most) and says so through
/// <see cref="Holding"/>, so a test can act at a moment the helper certainly holds work.
/// </summary>
public sealed class HoldingRunner(int holdFrom) : ITaskRunner
{
    private static readonly TimeSpan HoldAtMost = TimeSpan.FromSeconds(30);
    private readonly InProcessRunner _honest = new();
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _started;

    public TaskCompletionSource Holding { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Lets every held task, and every later one, run.</summary>
    public void Release() => _released.TrySetResult();

    public async Task<TaskOutcome> RunAsync(string taskType, byte[] input, TimeSpan deadline, CancellationToken cancellation)
    {
        if (Interlocked.Increment(ref _started) >= holdFrom && !_released.Task.IsCompleted)
        {
            Holding.TrySetResult();
            await Task.WhenAny(_released.Task, Task.Delay(HoldAtMost, cancellation));
            cancellation.ThrowIfCancellationRequested();
        }

        return await _honest.RunAsync(taskType, input, deadline, cancellation);
    }
}

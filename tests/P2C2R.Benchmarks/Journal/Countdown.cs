namespace P2C2R.Benchmarks.Journal;

/// <summary>Completes <see cref="Done"/> when <see cref="Signal"/> has been called as many times as it was created with, from any thread.</summary>
public sealed class Countdown(int count)
{
    private readonly TaskCompletionSource done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int left = count;

    public Task Done => done.Task;

    public void Signal()
    {
        if (Interlocked.Decrement(ref left) == 0)
        {
            done.TrySetResult();
        }
    }
}

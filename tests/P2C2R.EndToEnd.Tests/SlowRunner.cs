using P2C2R.PeerNode.Helping;
using P2C2R.Sandbox;

namespace P2C2R.EndToEnd.Tests;

/// <summary>An honest helper that answers only after <paramref name="delay"/>: slower than any tick's deadline.</summary>
public sealed class SlowRunner(TimeSpan delay) : ITaskRunner
{
    private readonly InProcessRunner _honest = new();

    public async Task<TaskOutcome> RunAsync(string taskType, byte[] input, TimeSpan deadline, CancellationToken cancellation)
    {
        await Task.Delay(delay, cancellation);
        return await _honest.RunAsync(taskType, input, deadline, cancellation);
    }
}

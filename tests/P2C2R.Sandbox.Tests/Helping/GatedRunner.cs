using System.Threading.Channels;
using P2C2R.PeerNode.Helping;

namespace P2C2R.Sandbox.Tests.Helping;

/// <summary>A runner whose tasks end only when the test says so, so a test can hold tasks running across a drain or a disconnect.</summary>
internal sealed class GatedRunner : ITaskRunner
{
    private readonly Channel<Gate> _started = Channel.CreateUnbounded<Gate>();

    public Task<TaskOutcome> RunAsync(string taskType, byte[] input, TimeSpan deadline, CancellationToken cancellation)
    {
        var gate = new Gate(taskType, input);
        _started.Writer.TryWrite(gate);
        return gate.Outcome.Task;
    }

    /// <summary>The next task the helper started, within five seconds.</summary>
    public async Task<Gate> NextStartedAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        return await _started.Reader.ReadAsync(timeout.Token);
    }

    public bool AnyStarted => _started.Reader.TryPeek(out _);

    internal sealed record Gate(string TaskType, byte[] Input)
    {
        public TaskCompletionSource<TaskOutcome> Outcome { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Succeed(byte[] output) => Outcome.SetResult(new TaskOutcome(TaskOutcomeKind.Succeeded, output, null, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(1)));
    }
}

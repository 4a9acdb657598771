using P2C2R.PeerNode.Helping;
using P2C2R.Sandbox;

namespace P2C2R.EndToEnd.Tests;

/// <summary>How a cheating helper corrupts its outputs.</summary>
public enum Cheat
{
    /// <summary>Random bytes of the right length.</summary>
    RandomBytes,

    /// <summary>The honest output with one bit flipped near the end: plausible, subtly wrong.</summary>
    SubtlyWrong,

    /// <summary>The first honest output of each task type, replayed for every later task.</summary>
    Replayed,
}

/// <summary>A helper that computes honestly, then lies about the result.</summary>
public sealed class CheatingRunner(Cheat cheat, int seed) : ITaskRunner
{
    private readonly InProcessRunner _honest = new();
    private readonly Dictionary<string, byte[]> _firstOutputs = [];
    private readonly Random _random = new(seed);
    private readonly object _gate = new();

    public async Task<TaskOutcome> RunAsync(string taskType, byte[] input, TimeSpan deadline, CancellationToken cancellation)
    {
        var outcome = await _honest.RunAsync(taskType, input, deadline, cancellation);
        if (!outcome.Succeeded)
        {
            return outcome;
        }

        var output = (byte[])outcome.Output!.Clone();
        lock (_gate)
        {
            switch (cheat)
            {
                case Cheat.RandomBytes:
                    _random.NextBytes(output);
                    break;
                case Cheat.SubtlyWrong:
                    output[output.Length - 2 - _random.Next(Math.Max(1, output.Length / 4))] ^= 0x01;
                    break;
                case Cheat.Replayed:
                    if (!_firstOutputs.TryAdd(taskType, output))
                    {
                        output = _firstOutputs[taskType];
                    }

                    break;
            }
        }

        return outcome with { Output = output };
    }
}

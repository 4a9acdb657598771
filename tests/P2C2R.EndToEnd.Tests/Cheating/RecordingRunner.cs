using P2C2R.PeerNode.Helping;
using P2C2R.Sandbox;
using P2C2R.Tasks;

namespace P2C2R.EndToEnd.Tests.Cheating;

/// <summary>What a simulated helper does with the honest output before returning it.</summary>
public enum Conduct
{
    Honest,

    /// <summary>Random bytes of the honest output's length: not even a payload.</summary>
    RandomBytes,

    /// <summary>One value changed, canonical MessagePack (<see cref="SubtleCorruption"/>).</summary>
    OneValueWrong,

    /// <summary>The first output of each task type, returned again for every later task of that type.</summary>
    Replayed,
}

/// <summary>One wrong output a helper returned: its task type and the hash the coordinator sees.</summary>
public sealed record WrongOutput(string TaskType, string Hash, DateTime At);

/// <summary>
/// A simulated helper's sandbox that keeps the books a cheating test needs: every task it ran
/// (by type, the compute it did for the fleet) and every wrong output it returned (so a test can
/// say how many wrong results a helper got in before it was stopped). It is honest for its first
/// <paramref name="honestResults"/> results, then follows <paramref name="conduct"/>: a helper
/// that earns trust before it starts cheating. Helpers with the same <paramref name="salt"/> and
/// <see cref="Conduct.OneValueWrong"/> return identical wrong bytes for the same task.
/// </summary>
public sealed class RecordingRunner(Conduct conduct, ulong salt = 0, int honestResults = 0) : ITaskRunner
{
    private readonly InProcessRunner _honest = new();
    private readonly Random _random = new((int)salt);
    private readonly Dictionary<string, byte[]> _firstOutputs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _runsByType = new(StringComparer.Ordinal);
    private readonly Dictionary<string, byte[]> _lastInputs = new(StringComparer.Ordinal);
    private readonly List<WrongOutput> _wrong = [];
    private readonly object _gate = new();
    private int _results;

    public Conduct Conduct => conduct;

    /// <summary>Tasks this helper computed, wrong ones included.</summary>
    public int Runs
    {
        get
        {
            lock (_gate)
            {
                return _results;
            }
        }
    }

    public IReadOnlyList<WrongOutput> Wrong
    {
        get
        {
            lock (_gate)
            {
                return [.. _wrong];
            }
        }
    }

    public IReadOnlyDictionary<string, int> RunsByType
    {
        get
        {
            lock (_gate)
            {
                return new Dictionary<string, int>(_runsByType, StringComparer.Ordinal);
            }
        }
    }

    /// <summary>The latest input of each task type it ran: real work to time a type's compute and verification on.</summary>
    public IReadOnlyDictionary<string, byte[]> LastInputs
    {
        get
        {
            lock (_gate)
            {
                return new Dictionary<string, byte[]>(_lastInputs, StringComparer.Ordinal);
            }
        }
    }

    public async Task<TaskOutcome> RunAsync(string taskType, byte[] input, TimeSpan deadline, CancellationToken cancellation)
    {
        var outcome = await _honest.RunAsync(taskType, input, deadline, cancellation);
        if (!outcome.Succeeded)
        {
            return outcome;
        }

        bool cheat;
        lock (_gate)
        {
            _results++;
            _runsByType[taskType] = _runsByType.GetValueOrDefault(taskType) + 1;
            _lastInputs[taskType] = input;
            cheat = conduct != Conduct.Honest && _results > honestResults;
        }

        if (!cheat)
        {
            return outcome;
        }

        var honest = outcome.Output!;
        var output = Lie(taskType, input, honest);
        if (!output.AsSpan().SequenceEqual(honest))
        {
            lock (_gate)
            {
                _wrong.Add(new WrongOutput(taskType, ResultHash.Of(output), DateTime.UtcNow));
            }
        }

        return outcome with { Output = output };
    }

    private byte[] Lie(string taskType, byte[] input, byte[] honest)
    {
        switch (conduct)
        {
            case Conduct.RandomBytes:
                var random = new byte[honest.Length];
                lock (_gate)
                {
                    _random.NextBytes(random);
                }

                return random;
            case Conduct.Replayed:
                lock (_gate)
                {
                    return _firstOutputs.TryAdd(taskType, honest) ? honest : _firstOutputs[taskType];
                }

            default:
                return SubtleCorruption.Corrupt(taskType, input, honest, salt);
        }
    }
}

namespace P2C2R.Tasks;

/// <summary>
/// One kind of work a helper can do. Execution is a pure function of the input bytes, so two
/// honest helpers return byte-identical outputs and a coordinator compares replicas by
/// <see cref="ResultHash"/>; the verifier checks one output cheaply when there is no replica.
/// </summary>
public interface ITaskExecutor
{
    TaskType Type { get; }

    /// <summary>Validates the input and returns its cost in work units (about a microsecond of one core each).</summary>
    long EstimateCost(ReadOnlyMemory<byte> input);

    /// <summary>Runs the task; throws <see cref="TaskInputException"/> for invalid input.</summary>
    byte[] Execute(ReadOnlyMemory<byte> input);

    /// <summary>Checks a claimed output for an input, recomputing only a sample where the algorithm allows.</summary>
    Verdict Verify(ReadOnlyMemory<byte> input, ReadOnlyMemory<byte> output, VerificationOptions options);
}

namespace P2C2R.Tasks;

/// <summary>
/// Typed base of an executor: decodes and validates the input once, enforces the size limits of
/// <see cref="TaskType"/> on both sides, and turns a malformed claimed output into a rejection
/// rather than an exception, because a helper's output is untrusted data. Inputs decoded by the
/// byte-level calls borrow their arrays from <see cref="DecodeArena"/>: nothing decoded there
/// outlives the call.
/// </summary>
public abstract class TaskExecutor<TInput, TOutput> : ITaskExecutor
    where TInput : ITaskPayload<TInput>
    where TOutput : ITaskPayload<TOutput>
{
    public abstract TaskType Type { get; }

    public long EstimateCost(ReadOnlyMemory<byte> input)
    {
        using var lease = DecodeArena.Enter();
        var decoded = DecodeInput(input);
        Validate(decoded);
        return Cost(decoded);
    }

    public byte[] Execute(ReadOnlyMemory<byte> input)
    {
        using var lease = DecodeArena.Enter();
        var output = Payload.Encode(Run(DecodeInput(input)));
        if (output.Length > Type.MaxOutputBytes)
        {
            throw new TaskInputException($"{Type.Id} produced {output.Length} bytes; the limit is {Type.MaxOutputBytes}");
        }

        return output;
    }

    public Verdict Verify(ReadOnlyMemory<byte> input, ReadOnlyMemory<byte> output, VerificationOptions options)
    {
        using var lease = DecodeArena.Enter();
        var decodedInput = DecodeInput(input);
        Validate(decodedInput);
        if (output.Length > Type.MaxOutputBytes)
        {
            return Verdict.Reject($"output has {output.Length} bytes; the limit is {Type.MaxOutputBytes}");
        }

        TOutput claimed;
        try
        {
            claimed = Payload.Decode<TOutput>(output);
        }
        catch (TaskInputException error)
        {
            return Verdict.Reject(error.Message);
        }

        if (!Payload.IsEncodingOf(claimed, output.Span))
        {
            return Verdict.Reject("output is not in canonical MessagePack form");
        }

        return Verify(decodedInput, claimed, options);
    }

    /// <summary>Typed entry, for in-process callers such as the frame pipeline and benchmarks.</summary>
    public TOutput Run(TInput input)
    {
        Validate(input);
        return Compute(input);
    }

    protected abstract TOutput Compute(TInput input);

    public abstract long Cost(TInput input);

    public abstract Verdict Verify(TInput input, TOutput claimed, VerificationOptions options);

    /// <summary>Validates a decoded input; throws <see cref="TaskInputException"/> naming the bad field.</summary>
    protected abstract void Validate(TInput input);

    private TInput DecodeInput(ReadOnlyMemory<byte> input)
    {
        if (input.Length > Type.MaxInputBytes)
        {
            throw new TaskInputException($"{Type.Id} input has {input.Length} bytes; the limit is {Type.MaxInputBytes}");
        }

        return Payload.Decode<TInput>(input);
    }
}

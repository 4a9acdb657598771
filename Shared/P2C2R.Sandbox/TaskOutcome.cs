namespace P2C2R.Sandbox;

/// <summary>How a sandboxed task ended, from the coordinator's point of view.</summary>
public enum TaskOutcomeKind
{
    /// <summary>The executor returned an output within every limit.</summary>
    Succeeded,

    /// <summary>The input was invalid; the worker is healthy and the task must not be retried.</summary>
    InvalidInput,

    /// <summary>A limit was broken or the worker failed; the worker was replaced and the task may go elsewhere.</summary>
    Failed,
}

/// <summary>
/// The result of one task in the sandbox: the output, or the reason it has none, plus the time
/// the worker measured, which is what a helper's benchmark score is made of.
/// </summary>
public sealed record TaskOutcome(TaskOutcomeKind Kind, byte[]? Output, string? Reason, TimeSpan Elapsed, TimeSpan CpuTime)
{
    public bool Succeeded => Kind == TaskOutcomeKind.Succeeded;

    public override string ToString() => Succeeded ? $"succeeded in {Elapsed.TotalMilliseconds:0.00} ms" : $"{Kind}: {Reason}";
}

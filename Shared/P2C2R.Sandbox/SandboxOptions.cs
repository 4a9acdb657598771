namespace P2C2R.Sandbox;

/// <summary>
/// The limits a helper puts around untrusted work. The managed heap cap is the real memory
/// bound (a .NET process needs several GB of address space just to start, so RLIMIT_AS can only
/// be a coarse outer guard); CPU seconds bound a worker's lifetime, the deadline bounds one task.
/// </summary>
public sealed record SandboxOptions
{
    /// <summary>Worker processes, one task at a time each.</summary>
    public int Workers { get; init; } = 1;

    /// <summary>Managed heap cap of a worker (DOTNET_GCHeapHardLimit).</summary>
    public long HeapLimitBytes { get; init; } = 256L << 20;

    /// <summary>RLIMIT_AS of a worker: a coarse guard against native allocations.</summary>
    public long AddressSpaceLimitBytes { get; init; } = 8L << 30;

    /// <summary>RLIMIT_CPU of a worker, in seconds over its whole life; past it the kernel kills it and it is restarted.</summary>
    public int CpuSecondsLimit { get; init; } = 600;

    /// <summary>RLIMIT_NOFILE of a worker: enough for the runtime, too few to hoard descriptors.</summary>
    public int OpenFilesLimit { get; init; } = 128;

    /// <summary>Wall-clock limit of one task when the caller gives none.</summary>
    public TimeSpan DefaultDeadline { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Caps on top of each task type's own size limits.</summary>
    public int MaxInputBytes { get; init; } = 16 << 20;

    public int MaxOutputBytes { get; init; } = 16 << 20;

    /// <summary>Run workers in a network namespace of their own, with no interfaces but loopback, down.</summary>
    public bool IsolateNetwork { get; init; } = true;

    /// <summary>How long a starting worker has to report ready.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Extra environment for workers (for example DOTNET_TieredCompilation=0 in determinism tests).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();
}

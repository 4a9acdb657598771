namespace P2C2R.Sandbox;

/// <summary>
/// The limits a worker reported about itself at start (−1 means unlimited or not supported on
/// this OS). Tests and the self-test show them, so a helper owner can see the box is real.
/// </summary>
public sealed record WorkerLimits(int ProcessId, long AddressSpace, long CpuSeconds, long OpenFiles, long HeapLimit, bool NetworkIsolated);

using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;

namespace P2C2R.Benchmarks.Micro;

/// <summary>
/// One job sized for a 2-core machine: enough iterations for a stable mean, few enough that the
/// whole suite runs in minutes. Memory diagnoser on, so allocations per message are reported.
/// </summary>
public sealed class MessagingConfig : ManualConfig
{
    public MessagingConfig()
    {
        AddJob(Job.Default.WithWarmupCount(3).WithIterationCount(10).WithLaunchCount(1));
        AddDiagnoser(MemoryDiagnoser.Default);
    }
}

/// <summary>
/// Executors run milliseconds per call: fewer iterations than the messaging job, with the
/// baseline ratio and allocations shown.
/// </summary>
public sealed class ExecutorConfig : ManualConfig
{
    public ExecutorConfig()
    {
        AddJob(Job.Default.WithWarmupCount(3).WithIterationCount(8).WithLaunchCount(1));
        AddDiagnoser(MemoryDiagnoser.Default);
    }
}

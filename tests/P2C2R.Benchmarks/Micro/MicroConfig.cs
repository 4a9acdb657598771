using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Perfolizer.Horology;

namespace P2C2R.Benchmarks.Micro;

/// <summary>
/// One job for every micro-benchmark, sized for a 2-core machine shared with other work: run in
/// this process (no generated project to build, no process per case), short iterations, enough of
/// them for a mean and its error, so the whole suite takes minutes. Memory diagnoser on, so
/// allocations per call are reported; each class compares against its own baseline method.
/// </summary>
public sealed class MicroConfig : ManualConfig
{
    public MicroConfig()
    {
        AddJob(Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithWarmupCount(3)
            .WithIterationCount(8)
            .WithIterationTime(TimeInterval.FromMilliseconds(200)));
        AddDiagnoser(MemoryDiagnoser.Default);
    }
}

using P2C2R.Actors;

namespace P2C2R.Benchmarks;

/// <summary>An actor system that lives for a whole benchmark class, with the actors it measures.</summary>
public abstract class ActorSystemBenchmark
{
    protected ActorSystem Sys { get; private set; } = null!;

    [BenchmarkDotNet.Attributes.GlobalSetup]
    public void Setup()
    {
        Sys = ActorSystem.Create("bench");
        CreateActors(Sys);
    }

    [BenchmarkDotNet.Attributes.GlobalCleanup]
    public void Cleanup() => Sys.Terminate().Wait(TimeSpan.FromSeconds(10));

    protected abstract void CreateActors(ActorSystem system);
}

using BenchmarkDotNet.Attributes;
using P2C2R.Tasks;
using P2C2R.Tasks.Golden;
using P2C2R.Tasks.Render;

namespace P2C2R.Benchmarks.Micro;

/// <summary>
/// Each executor on its golden input, from encoded input to encoded output as a helper runs it,
/// with its verifier at a 5% sample beside it: the baseline is the executor itself, so the ratio
/// column reads directly as "verification costs this share of recomputing".
/// </summary>
[Config(typeof(MicroConfig))]
public class ExecutorBenchmarks
{
    private static readonly VerificationOptions FivePercent = new(0.05, 42);
    private ITaskExecutor _executor = null!;
    private byte[] _input = null!;
    private byte[] _output = null!;

    [Params("physics.rigid", "physics.cloth", "ai.pathfind", "ai.dialogue", "world.terrain", "world.lighting", "render.raytrace", "render.upscale", "codec.deflate", "render.finish")]
    public string Task { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        TaskExecutors.TryGet(Task, out _executor);
        _input = GoldenInputs.For(Task);
        _output = _executor.Execute(_input);
    }

    /// <summary>Each call starts with no upscaled frame held, as one whose frames were not just upscaled here does.</summary>
    [Benchmark(Baseline = true)]
    public byte[] Execute()
    {
        UpscaleMemo.Clear();
        return _executor.Execute(_input);
    }

    [Benchmark]
    public bool Verify()
    {
        UpscaleMemo.Clear();
        return _executor.Verify(_input, _output, FivePercent).Valid;
    }
}

using System.IO.Compression;
using BenchmarkDotNet.Attributes;
using P2C2R.Tasks;
using P2C2R.Tasks.Codec;
using P2C2R.Tasks.Golden;
using P2C2R.Tasks.Render;

namespace P2C2R.Benchmarks.Micro;

/// <summary>
/// The whole-frame figure: a 256 × 144 frame ray-traced at 128 × 72, upscaled and delta-deflated
/// on one core, against the 8 ms budget that lets a coordinator always compute a frame itself.
/// The DEFLATE stage is compared with the platform's own compressor (not deterministic across
/// library versions, hence not used) on the same delta.
/// </summary>
[Config(typeof(MicroConfig))]
public class FrameBenchmarks
{
    private readonly FramePipeline _pipeline = new(Scenes.FrameWidth, Scenes.FrameHeight);
    private byte[] _scene = null!;
    private int _sx;
    private int _sy;
    private int _sz;
    private int _frame;
    private byte[] _delta = null!;

    [GlobalSetup]
    public void Setup()
    {
        _scene = Scenes.VoxelScene(out _sx, out _sy, out _sz);
        var input = GoldenInputs.Deflate();
        _delta = new byte[input.Current.Length];
        DeltaDeflateExecutor.Delta(input.Current, input.Previous, _delta);
    }

    [Benchmark]
    public int WholeFrame()
    {
        var camera = Scenes.Camera((_frame++ & 63) * 0.005);
        return _pipeline.Render(Scenes.Trace(_scene, _sx, _sy, _sz, camera)).Deflate.Length;
    }

    [Benchmark(Baseline = true)]
    public int DeflateStage() => TaskExecutors.Deflate.Run(new DeltaDeflateInput([], _delta, 1)).Deflate.Length;

    [Benchmark]
    public long PlatformDeflateFastest()
    {
        using var output = new MemoryStream(_delta.Length);
        using (var deflate = new DeflateStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            deflate.Write(_delta);
        }

        return output.Length;
    }
}

using System.Diagnostics;
using System.Globalization;
using P2C2R.Coordinator;
using P2C2R.GameSdk;
using P2C2R.Games.Voxel;
using P2C2R.Tasks;
using P2C2R.Tasks.Codec;
using P2C2R.Tasks.Golden;
using P2C2R.Tasks.Render;

namespace P2C2R.Benchmarks;

/// <summary>
/// <c>-- verifiers</c>: what checking a result costs next to computing it, per task type. A
/// verifier is only worth having when it is much cheaper than the task, since a coordinator
/// verifies on its own cores what it sent out to spare them. Inputs are realistic: each type's
/// golden input and the tasks of a voxel world played for a while (its planned tasks, its frames'
/// bands, their upscale and their delta compression, and the two as one finish). Each (input, output) pair is executed and
/// verified several times through the byte-level calls a coordinator makes, with the coordinator's
/// default sample fraction and a fresh seed each run. Execute time is the median of the runs; verify
/// time is their mean with the slowest and fastest tenth left out (pauses of a shared machine),
/// because a spot-checking verifier's cost depends on its seed by design and the mean is what it
/// costs in the long run. Both are summed per type. Each run starts with no upscaled frame held
/// (<c>render.finish</c> reuses one it upscaled moments ago, which a coordinator checking a random
/// share of results rarely has).
/// </summary>
public static class VerifierHarness
{
    private const int Runs = 30;
    private const int InputsPerType = 12;
    private const int Ticks = 360;

    public static void Run()
    {
        var fraction = new CoordinatorSettings().VerifySampleFraction;
        var inputs = Collect();
        Console.WriteLine($"verify-sample-fraction {fraction.ToString(CultureInfo.InvariantCulture)}, execute median and verify mean of {Runs} runs, up to {InputsPerType} inputs per type");
        Console.WriteLine($"{"type",-16} {"inputs",6} {"execute µs",12} {"verify µs",12} {"ratio",7}");
        var seed = 1UL;
        foreach (var executor in TaskExecutors.All)
        {
            var chosen = inputs[executor.Type.Id];
            double execute = 0, verify = 0;
            foreach (var input in chosen)
            {
                var output = executor.Execute(input);
                execute += Median(() =>
                {
                    UpscaleMemo.Clear();
                    executor.Execute(input);
                });
                verify += Mean(() =>
                {
                    UpscaleMemo.Clear();
                    var verdict = executor.Verify(input, output, new VerificationOptions(fraction, seed++));
                    if (!verdict.Valid)
                    {
                        throw new InvalidOperationException($"{executor.Type.Id} rejected its own output: {verdict.Reason}");
                    }
                });
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{executor.Type.Id,-16} {chosen.Count,6} {execute / chosen.Count,12:F1} {verify / chosen.Count,12:F1} {verify / execute,7:F2}"));
        }
    }

    /// <summary>Golden inputs, then the tasks of a played world, evenly thinned to a few per type.</summary>
    private static Dictionary<string, List<byte[]>> Collect()
    {
        var all = TaskExecutors.All.ToDictionary(executor => executor.Type.Id, executor => new List<byte[]> { GoldenInputs.For(executor.Type.Id) });
        var options = new GameOptions(42, 30, FrameFormat.Default);
        var world = (VoxelWorld)VoxelGame.Instance.Create(options);
        int[] script = [GameKeys.Forward, GameKeys.Forward | GameKeys.Right, GameKeys.Dig, 0, GameKeys.Jump | GameKeys.Forward, GameKeys.Place, GameKeys.Left, GameKeys.Back];
        var previous = Array.Empty<byte>();
        byte[][]? previousBands = null;
        for (var tick = 0; tick < Ticks; tick++)
        {
            world.Advance(script[tick / 6 % script.Length], LocalResults.Instance);
            foreach (var task in world.Planned)
            {
                all[task.Type].Add(task.Input);
            }

            if (tick % 15 == 0 && world.Loaded)
            {
                var bands = new byte[options.Frame.Bands][];
                for (var band = 0; band < bands.Length; band++)
                {
                    var trace = Payload.Encode(world.DescribeFrame(band));
                    all["render.raytrace"].Add(trace);
                    bands[band] = Payload.Decode<ImageOutput>(TaskExecutors.Raytrace.Execute(trace)).Rgb;
                }

                var upscale = Payload.Encode(options.Frame.Upscale(bands));
                all["render.upscale"].Add(upscale);
                var frame = Payload.Decode<ImageOutput>(TaskExecutors.Upscale.Execute(upscale)).Rgb;
                all["codec.deflate"].Add(Payload.Encode(new DeltaDeflateInput(previous, frame, 1)));
                all["render.finish"].Add(Payload.Encode(new FinishInput(options.Frame.Upscale(bands), previousBands is null ? null : options.Frame.Upscale(previousBands), 1)));
                previous = frame;
                previousBands = bands;
            }
        }

        return all.ToDictionary(pair => pair.Key, pair => Thin(pair.Value));
    }

    private static List<byte[]> Thin(List<byte[]> inputs) =>
        inputs.Count <= InputsPerType ? inputs : [.. Enumerable.Range(0, InputsPerType).Select(i => inputs[i * inputs.Count / InputsPerType])];

    /// <summary>Mean wall time of <see cref="Runs"/> calls in microseconds without the slowest and fastest tenth, after one unmeasured call.</summary>
    private static double Mean(Action action)
    {
        var times = Times(action);
        var trim = Runs / 10;
        return times[trim..^trim].Average();
    }

    /// <summary>Median wall time of <see cref="Runs"/> calls in microseconds, after one unmeasured call.</summary>
    private static double Median(Action action) => Times(action)[Runs / 2];

    /// <summary>Wall times of <see cref="Runs"/> calls in microseconds, sorted, after one unmeasured call.</summary>
    private static double[] Times(Action action)
    {
        action();
        var times = new double[Runs];
        for (var run = 0; run < Runs; run++)
        {
            var start = Stopwatch.GetTimestamp();
            action();
            times[run] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
        }

        Array.Sort(times);
        return times;
    }
}

using P2C2R.Tasks.Golden;

namespace P2C2R.Sandbox.Tests;

/// <summary>
/// The same inputs in separate processes whose JIT makes different code: tiered compilation
/// off (straight to optimized code), and hardware intrinsics off (no SIMD paths at all).
/// </summary>
[Collection(nameof(WorkerProcesses))]
public sealed class DeterminismTests
{
    [Fact]
    public async Task Every_executor_gives_identical_hashes_across_processes_and_runtime_settings()
    {
        var settings = new[]
        {
            new Dictionary<string, string>(),
            new Dictionary<string, string> { ["DOTNET_TieredCompilation"] = "0" },
            new Dictionary<string, string> { ["DOTNET_EnableHWIntrinsic"] = "0", ["DOTNET_TieredPGO"] = "0" },
        };
        var hashes = new List<string[]>();
        foreach (var environment in settings)
        {
            await using var sandbox = await Sandbox.StartAsync(new SandboxOptions { Environment = environment });
            var run = new List<string>();
            foreach (var executor in TaskExecutors.All)
            {
                var input = GoldenInputs.For(executor.Type.Id);
                foreach (var variant in Variants(executor.Type.Id, input))
                {
                    var outcome = await sandbox.ExecuteAsync(executor.Type.Id, variant, TimeSpan.FromSeconds(60));
                    Assert.True(outcome.Succeeded, $"{executor.Type.Id}: {outcome}");
                    run.Add(executor.Type.Id + " " + ResultHash.Of(outcome.Output));
                }
            }

            hashes.Add([.. run]);
        }

        Assert.Equal(hashes[0], hashes[1]);
        Assert.Equal(hashes[0], hashes[2]);
        foreach (var executor in TaskExecutors.All)
        {
            Assert.Contains(executor.Type.Id + " " + GoldenHashes.ByTask[executor.Type.Id].Output, hashes[0]);
        }
    }

    /// <summary>The golden input plus a second one per type, so more than one code path is compared.</summary>
    private static IEnumerable<byte[]> Variants(string taskId, byte[] golden)
    {
        yield return golden;
        yield return taskId switch
        {
            "physics.rigid" => Payload.Encode(GoldenInputs.Rigid(500, 99)),
            "physics.cloth" => Payload.Encode(GoldenInputs.Cloth(40, 30) with { Iterations = 12 }),
            "ai.pathfind" => Payload.Encode(GoldenInputs.Pathfind(100, 5, Tasks.Ai.PathAlgorithm.Dijkstra)),
            "ai.dialogue" => Payload.Encode(new Tasks.Ai.DialogueInput("elder", "sad", "Tell me about the old caves, please.", 9, 30)),
            "world.terrain" => Payload.Encode(Scenes.Terrain(-7, 12)),
            "render.raytrace" => Payload.Encode(GoldenInputs.Raytrace() with { Camera = Scenes.Camera(0.2) }),
            "render.upscale" => Payload.Encode(GoldenInputs.Upscale() with { Quality = Tasks.Render.UpscaleQuality.Bicubic, TargetWidth = 301, TargetHeight = 97, RowStart = 10, RowCount = 50 }),
            "codec.deflate" => Payload.Encode(GoldenInputs.Deflate() with { Level = 9 }),
            "render.finish" => Payload.Encode(GoldenInputs.Finish() with { Previous = null, Level = 6 }),
            _ => Payload.Encode(GoldenInputs.Lighting() with { BlockBorder = new byte[4 * 16 * 64] }),
        };
    }
}

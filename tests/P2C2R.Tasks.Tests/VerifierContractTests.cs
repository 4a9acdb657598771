using P2C2R.Tasks.Ai;
using P2C2R.Tasks.Codec;
using P2C2R.Tasks.Golden;
using P2C2R.Tasks.Physics;
using P2C2R.Tasks.Render;
using P2C2R.Tasks.World;

namespace P2C2R.Tasks.Tests;

/// <summary>
/// Every verifier's two promises: it never rejects the executor's own output, whatever the seed,
/// and it rejects a corrupted output when the corruption lies in a unit it checks (every unit is
/// checked at fraction 1; the sampled path with a fraction just below 1 checks every unit too,
/// except where a verifier spot-checks whole steps).
/// </summary>
public sealed class VerifierContractTests
{
    private static readonly VerificationOptions AllUnitsSampled = new(1.0 - 1e-9, 99);

    public static TheoryData<string> TaskIds => [.. TaskExecutors.All.Select(executor => executor.Type.Id)];

    [Theory]
    [MemberData(nameof(TaskIds))]
    public void Own_output_is_accepted_for_many_seeds(string taskId)
    {
        TaskExecutors.TryGet(taskId, out var executor);
        foreach (var input in Inputs(taskId))
        {
            var output = executor.Execute(input);
            for (var seed = 0UL; seed < 12; seed++)
            {
                foreach (var fraction in new[] { 0.01, 0.05, 0.3, 1.0 - 1e-9, 1.0 })
                {
                    var verdict = executor.Verify(input, output, new VerificationOptions(fraction, seed * 7919));
                    Assert.True(verdict.Valid, $"{taskId} rejected its own output at fraction {fraction}, seed {seed}: {verdict.Reason}");
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(TaskIds))]
    public void A_corrupted_unit_is_rejected_when_checked(string taskId)
    {
        TaskExecutors.TryGet(taskId, out var executor);
        var input = GoldenInputs.For(taskId);
        var corrupted = Corrupt(taskId, input, executor.Execute(input));
        Assert.False(executor.Verify(input, corrupted, VerificationOptions.Full).Valid, $"{taskId}: full verification accepted a corrupted output");
        if (taskId != "physics.cloth")
        {
            Assert.False(executor.Verify(input, corrupted, AllUnitsSampled).Valid, $"{taskId}: sampled verification of every unit accepted a corrupted output");
        }
    }

    [Fact]
    public void A_small_cloth_is_recomputed_whole_for_about_the_spot_check_share_of_seeds()
    {
        var input = GoldenInputs.For("physics.cloth");
        var corrupted = Corrupt("physics.cloth", input, TaskExecutors.Cloth.Execute(input));
        var caught = 0;
        for (var seed = 0UL; seed < 400; seed++)
        {
            caught += TaskExecutors.Cloth.Verify(input, corrupted, new VerificationOptions(0.05, seed * 0x9E3779B97F4A7C15UL)).Valid ? 0 : 1;
        }

        Assert.InRange(caught, 400 * ClothExecutor.SpotCheckChance * 0.6, 400 * ClothExecutor.SpotCheckChance * 1.4);
    }

    [Fact]
    public void A_path_with_a_local_detour_is_rejected_when_its_stretch_is_sampled()
    {
        var costs = new byte[16 * 16];
        costs.AsSpan().Fill(1);
        var input = new PathfindInput(16, 16, 1, costs, 0, 15, PathAlgorithm.AStar);
        int[] detour = [0, 1, 2, 18, 19, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15];
        var claimed = Payload.Encode(new PathfindOutput(true, detour.Length - 1, detour));
        Assert.False(TaskExecutors.Pathfind.Verify(Payload.Encode(input), claimed, AllUnitsSampled).Valid);
        Assert.False(TaskExecutors.Pathfind.Verify(Payload.Encode(input), claimed, VerificationOptions.Full).Valid);
    }

    private static IEnumerable<byte[]> Inputs(string taskId)
    {
        yield return GoldenInputs.For(taskId);
        switch (taskId)
        {
            case "ai.dialogue":
                foreach (var (persona, mood, line, maxWords) in new[] { ("elder", "sad", "where is the old well", 40), ("guard", "angry", "you stupid liar", 3), ("farmer", "calm", "zzz", 1), ("merchant", "afraid", "", 12) })
                {
                    yield return Payload.Encode(new DialogueInput(persona, mood, line, 9, maxWords));
                }

                break;
            case "ai.pathfind":
                yield return Payload.Encode(GoldenInputs.Pathfind(48, 3, PathAlgorithm.Dijkstra));
                yield return Payload.Encode(GoldenInputs.Pathfind(9, 5));
                break;
            case "physics.rigid":
                yield return Payload.Encode(GoldenInputs.Rigid(12, 4));
                break;
            case "physics.cloth":
                yield return Payload.Encode(GoldenInputs.Cloth(8, 6));
                yield return Payload.Encode(GoldenInputs.Cloth(80, 40));
                break;
        }
    }

    private static byte[] Corrupt(string taskId, byte[] input, byte[] output)
    {
        switch (taskId)
        {
            case "physics.rigid":
            {
                var rigid = Payload.Decode<RigidOutput>(output);
                rigid.Bodies[5 * RigidBody.Fields + RigidBody.Position + 1]++;
                return Payload.Encode(rigid);
            }

            case "physics.cloth":
            {
                var cloth = Payload.Decode<ClothOutput>(output);
                cloth.Positions[3 * 200 + 1]--;
                return Payload.Encode(cloth);
            }

            case "ai.pathfind":
            {
                var path = Payload.Decode<PathfindOutput>(output);
                return Payload.Encode(path with { Cost = path.Cost + 1 });
            }

            case "ai.dialogue":
            {
                var dialogue = Payload.Decode<DialogueOutput>(output);
                var words = dialogue.Line.Split(' ');
                words[words.Length / 2] = words[words.Length / 2] == "iron" ? "sword" : "iron";
                return Payload.Encode(dialogue with { Line = string.Join(' ', words) });
            }

            case "world.terrain":
            {
                var terrain = Payload.Decode<BlocksOutput>(output);
                terrain.Blocks[1000] = terrain.Blocks[1000] == Block.Stone ? Block.Dirt : Block.Stone;
                return Payload.Encode(terrain);
            }

            case "world.lighting":
            {
                var lighting = Payload.Decode<LightingOutput>(output);
                var cell = Array.FindIndex(lighting.Block, level => level is > 0 and < 15);
                lighting.Block[cell]++;
                return Payload.Encode(lighting);
            }

            case "render.raytrace":
            case "render.upscale":
            {
                var image = Payload.Decode<ImageOutput>(output);
                image.Rgb[image.Rgb.Length / 2] ^= 1;
                return Payload.Encode(image);
            }

            case "render.finish":
            {
                var finish = Payload.Decode<FinishInput>(input);
                var source = finish.Current.Source.ToArray();
                source[source.Length / 2] ^= 0x40;
                return TaskExecutors.Finish.Execute(Payload.Encode(finish with { Current = finish.Current with { Source = source } }));
            }

            default:
            {
                var deflate = Payload.Decode<DeltaDeflateInput>(input);
                return TaskExecutors.Deflate.Execute(Payload.Encode(deflate with { Current = deflate.Previous }));
            }
        }
    }
}

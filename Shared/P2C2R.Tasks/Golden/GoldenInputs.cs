using P2C2R.Tasks.Ai;
using P2C2R.Tasks.Codec;
using P2C2R.Tasks.Numerics;
using P2C2R.Tasks.Physics;
using P2C2R.Tasks.Render;
using P2C2R.Tasks.World;

namespace P2C2R.Tasks.Golden;

/// <summary>
/// One fixed input per executor, built from explicit seeds. Their output hashes are pinned in
/// <see cref="GoldenHashes"/>: any change to an algorithm, a table or the encoding shows up as
/// a mismatch in the tests and in every helper's self-test.
/// </summary>
public static class GoldenInputs
{
    public static byte[] For(string taskId) => taskId switch
    {
        "physics.rigid" => Payload.Encode(Rigid()),
        "physics.cloth" => Payload.Encode(Cloth()),
        "ai.pathfind" => Payload.Encode(Pathfind()),
        "ai.dialogue" => Payload.Encode(new DialogueInput("blacksmith", "happy", "Hello friend, can you forge me a sword from this iron?", 42, 24)),
        "world.terrain" => Payload.Encode(Scenes.Terrain()),
        "world.lighting" => Payload.Encode(Lighting()),
        "render.raytrace" => Payload.Encode(Raytrace()),
        "render.upscale" => Payload.Encode(Upscale()),
        "codec.deflate" => Payload.Encode(Deflate()),
        "render.finish" => Payload.Encode(Finish()),
        _ => throw new ArgumentException($"no golden input for task type {taskId}", nameof(taskId)),
    };

    public static RigidInput Rigid(int bodies = 200, ulong seed = 7)
    {
        var random = new SplitMix64(seed);
        var values = new int[bodies * RigidBody.Fields];
        Body(values, 0, RigidBody.Box, 0, [0, -1 << 16, 0], [0, 0, 0], [40 << 16, 1 << 16, 40 << 16]);
        for (var i = 1; i < bodies; i++)
        {
            var sphere = random.NextInt(3) != 0;
            var size = (1 << 15) + random.NextInt(1 << 16);
            int[] position = [(random.NextInt(60) - 30) << 15, (random.NextInt(40) << 14) + (1 << 14), (random.NextInt(60) - 30) << 15];
            int[] velocity = [(random.NextInt(9) - 4) << 16, (random.NextInt(9) - 4) << 16, (random.NextInt(9) - 4) << 16];
            Body(values, i, sphere ? RigidBody.Sphere : RigidBody.Box, 1 + random.NextInt(20), position, velocity, [size, sphere ? size : size / 2, size]);
        }

        return new RigidInput(1092, 9 << 16, 1 << 15, values);
    }

    public static ClothInput Cloth(int width = 24, int height = 16)
    {
        var count = width * height;
        var positions = new int[count * 3];
        var previous = new int[count * 3];
        var pinned = new byte[(count + 7) / 8];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var i = y * width + x;
                positions[i * 3] = x << 15;
                positions[i * 3 + 1] = (20 << 16) - (y << 15);
                positions[i * 3 + 2] = (x * y) << 10;
                previous[i * 3] = positions[i * 3] - ((y * 37 + x) % 5 << 9);
                previous[i * 3 + 1] = positions[i * 3 + 1];
                previous[i * 3 + 2] = positions[i * 3 + 2] - (y << 10);
                if (y == 0 && x % 4 == 0)
                {
                    pinned[i >> 3] |= (byte)(1 << (i & 7));
                }
            }
        }

        return new ClothInput(width, height, 8, 1092, 9 << 16, 1 << 15, 63000, positions, previous, pinned);
    }

    public static PathfindInput Pathfind(int size = 64, ulong seed = 11, PathAlgorithm algorithm = PathAlgorithm.AStar)
    {
        var random = new SplitMix64(seed);
        var costs = new byte[size * size];
        for (var i = 0; i < costs.Length; i++)
        {
            costs[i] = random.NextInt(4) == 0 ? (byte)0 : (byte)(1 + random.NextInt(9));
        }

        costs[0] = 1;
        costs[^1] = 1;
        return new PathfindInput(size, size, 1, costs, 0, costs.Length - 1, algorithm);
    }

    public static LightingInput Lighting()
    {
        var blocks = TaskExecutors.Terrain.Run(Scenes.Terrain()).Blocks;
        var height = Scenes.Terrain().Height;
        blocks[Chunk.Index(8, 20, 8)] = Block.Torch;
        blocks[Chunk.Index(3, 12, 12)] = Block.Glowstone;
        var faces = 4 * Chunk.Size * height;
        var sky = new byte[faces];
        var light = new byte[faces];
        for (var i = 0; i < faces; i++)
        {
            sky[i] = (byte)(i / Chunk.Size % height > 32 ? 15 : 0);
            light[i] = (byte)(i % 97 == 0 ? 9 : 0);
        }

        return new LightingInput(height, blocks, sky, light);
    }

    public static RaytraceInput Raytrace()
    {
        var scene = Scenes.VoxelScene(out var sx, out var sy, out var sz);
        return Scenes.Trace(scene, sx, sy, sz, Scenes.Camera());
    }

    public static UpscaleInput Upscale() =>
        new(Scenes.TraceWidth, Scenes.TraceHeight, TaskExecutors.Raytrace.Run(Raytrace()).Rgb, Scenes.FrameWidth, Scenes.FrameHeight, UpscaleQuality.Lanczos, 0, Scenes.FrameHeight);

    public static DeltaDeflateInput Deflate()
    {
        var scene = Scenes.VoxelScene(out var sx, out var sy, out var sz);
        var pipeline = new FramePipeline(Scenes.FrameWidth, Scenes.FrameHeight);
        pipeline.Render(Scenes.Trace(scene, sx, sy, sz, Scenes.Camera()));
        var previous = pipeline.LastFrame;
        pipeline.Render(Scenes.Trace(scene, sx, sy, sz, Scenes.Camera(0.02)));
        return new DeltaDeflateInput(previous, pipeline.LastFrame, 1);
    }

    /// <summary>Two consecutive traced frames, each sent as two strips, finished bilinearly as a session finishes its frames.</summary>
    public static FinishInput Finish()
    {
        var scene = Scenes.VoxelScene(out var sx, out var sy, out var sz);
        var half = Scenes.TraceWidth * 3 * (Scenes.TraceHeight / 2);
        int[] strips = [half, Scenes.TraceWidth * Scenes.TraceHeight * 3 - half];
        UpscaleInput Frame(Camera camera) => new(Scenes.TraceWidth, Scenes.TraceHeight, TaskExecutors.Raytrace.Run(Scenes.Trace(scene, sx, sy, sz, camera)).Rgb,
            Scenes.FrameWidth, Scenes.FrameHeight, UpscaleQuality.Bilinear, 0, Scenes.FrameHeight, strips);
        return new FinishInput(Frame(Scenes.Camera(0.02)), Frame(Scenes.Camera()), 1);
    }

    private static void Body(int[] values, int index, int shape, int mass, int[] position, int[] velocity, int[] size)
    {
        var body = values.AsSpan(index * RigidBody.Fields, RigidBody.Fields);
        body[RigidBody.Id] = index + 1;
        body[RigidBody.Shape] = shape;
        body[RigidBody.Mass] = mass;
        position.CopyTo(body[RigidBody.Position..]);
        velocity.CopyTo(body[RigidBody.Velocity..]);
        size.CopyTo(body[RigidBody.Size..]);
    }
}

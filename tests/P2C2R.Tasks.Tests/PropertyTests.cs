using System.IO.Compression;
using P2C2R.Tasks.Codec;
using P2C2R.Tasks.Golden;
using P2C2R.Tasks.Numerics;
using P2C2R.Tasks.Physics;
using P2C2R.Tasks.Render;
using P2C2R.Tasks.World;

namespace P2C2R.Tasks.Tests;

public sealed class PropertyTests
{
    [Fact]
    public void Physics_without_collisions_conserves_momentum_exactly()
    {
        var random = new SplitMix64(3);
        var bodies = new int[30 * RigidBody.Fields];
        for (var i = 0; i < 30; i++)
        {
            var body = bodies.AsSpan(i * RigidBody.Fields, RigidBody.Fields);
            body[RigidBody.Id] = i;
            body[RigidBody.Shape] = i % 2;
            body[RigidBody.Mass] = 1 + random.NextInt(50);
            body[RigidBody.Position] = (i * 10) << 16;
            body[RigidBody.Velocity] = random.NextInt(1 << 18) - (1 << 17);
            body[RigidBody.Velocity + 1] = random.NextInt(1 << 18) - (1 << 17);
            body[RigidBody.Velocity + 2] = random.NextInt(1 << 18) - (1 << 17);
            body[RigidBody.Size] = body[RigidBody.Size + 1] = body[RigidBody.Size + 2] = 1 << 16;
        }

        var input = new RigidInput(1092, 0, 1 << 15, bodies);
        var output = TaskExecutors.Rigid.Run(input);

        Assert.Empty(output.Pairs);
        for (var axis = 0; axis < 3; axis++)
        {
            Assert.Equal(Momentum(bodies, axis), Momentum(output.Bodies, axis));
        }
    }

    [Fact]
    public void A_head_on_collision_conserves_momentum_to_rounding_and_separates_the_bodies()
    {
        int[] bodies =
        [
            1, RigidBody.Sphere, 3, -(1 << 16) + 100, 0, 0, 5 << 16, 0, 0, 1 << 16, 1 << 16, 1 << 16,
            2, RigidBody.Sphere, 5, (1 << 16) - 100, 0, 0, -(2 << 16), 0, 0, 1 << 16, 1 << 16, 1 << 16,
        ];
        var output = TaskExecutors.Rigid.Run(new RigidInput(1092, 0, 1 << 16, bodies));

        Assert.Equal([0, 1], output.Pairs);
        Assert.InRange(Math.Abs(Momentum(output.Bodies, 0) - Momentum(bodies, 0)), 0, 16);
        Assert.True(output.Bodies[RigidBody.Velocity] < 0 && output.Bodies[RigidBody.Fields + RigidBody.Velocity] > 0);
    }

    [Fact]
    public void A_physics_state_one_unit_in_the_last_place_off_is_rejected()
    {
        var input = GoldenInputs.Rigid();
        var output = TaskExecutors.Rigid.Run(input);
        var moving = 1 + 5 * RigidBody.Fields;
        var tampered = output with { Bodies = (int[])output.Bodies.Clone() };
        tampered.Bodies[moving + RigidBody.Position + 1]++;

        Assert.False(TaskExecutors.Rigid.Verify(input, tampered, VerificationOptions.Full).Valid);
        var caught = 0;
        for (ulong seed = 0; seed < 100; seed++)
        {
            caught += TaskExecutors.Rigid.Verify(input, tampered, new VerificationOptions(0.2, seed)).Valid ? 0 : 1;
        }

        Assert.InRange(caught, 5, 50);
    }

    [Fact]
    public void A_missing_or_invented_collision_pair_is_rejected()
    {
        var input = GoldenInputs.Rigid();
        var output = TaskExecutors.Rigid.Run(input);
        Assert.NotEmpty(output.Pairs);

        var missing = output with { Pairs = output.Pairs[2..] };
        Assert.False(TaskExecutors.Rigid.Verify(input, missing, VerificationOptions.Full).Valid);
        Assert.False(TaskExecutors.Rigid.Verify(input, missing, new VerificationOptions(1.0 - 1e-9, 1)).Valid);

        var invented = output with { Pairs = [.. output.Pairs, input.Count - 2, input.Count - 1] };
        Assert.False(TaskExecutors.Rigid.Verify(input, invented, VerificationOptions.Full).Valid);
        Assert.False(TaskExecutors.Rigid.Verify(input, invented, new VerificationOptions(1.0 - 1e-9, 1)).Valid);
    }

    [Fact]
    public void Cloth_keeps_pinned_particles_and_a_last_place_error_is_caught()
    {
        var input = GoldenInputs.Cloth();
        var output = TaskExecutors.Cloth.Run(input);
        for (var i = 0; i < input.Count; i++)
        {
            if (input.IsPinned(i))
            {
                Assert.Equal(input.Positions.AsSpan(i * 3, 3).ToArray(), output.Positions.AsSpan(i * 3, 3).ToArray());
            }
        }

        var tampered = output with { Positions = (int[])output.Positions.Clone() };
        tampered.Positions[3 * 200 + 1]--;
        Assert.False(TaskExecutors.Cloth.Verify(input, tampered, VerificationOptions.Full).Valid);
        Assert.False(TaskExecutors.Cloth.Verify(input, tampered, new VerificationOptions(0.05, 3)).Valid);
    }

    [Fact]
    public void On_a_large_cloth_windowed_checks_catch_a_single_error_in_proportion_to_the_sample()
    {
        var input = GoldenInputs.Cloth(96, 64) with { Iterations = 4 };
        var output = TaskExecutors.Cloth.Run(input);
        var tampered = output with { Positions = (int[])output.Positions.Clone() };
        tampered.Positions[3 * (30 * 96 + 40)]++;

        var caught = 0;
        for (ulong seed = 0; seed < 200; seed++)
        {
            Assert.True(TaskExecutors.Cloth.Verify(input, output, new VerificationOptions(0.5, seed)).Valid);
            caught += TaskExecutors.Cloth.Verify(input, tampered, new VerificationOptions(0.5, seed)).Valid ? 0 : 1;
        }

        Assert.InRange(caught, 5, 120);
        Assert.False(TaskExecutors.Cloth.Verify(input, tampered, VerificationOptions.Full).Valid);
    }

    [Theory]
    [InlineData(UpscaleQuality.Nearest)]
    [InlineData(UpscaleQuality.Bilinear)]
    [InlineData(UpscaleQuality.Bicubic)]
    [InlineData(UpscaleQuality.Lanczos)]
    public void Upscaling_a_constant_image_gives_a_constant_image(UpscaleQuality quality)
    {
        foreach (var (w, h, tw, th) in new[] { (7, 5, 16, 9), (128, 72, 256, 144), (3, 3, 1000, 2), (10, 10, 10, 10) })
        {
            var source = new byte[w * h * 3];
            for (var i = 0; i < source.Length; i += 3)
            {
                source[i] = 200;
                source[i + 1] = 17;
                source[i + 2] = 255;
            }

            var rgb = TaskExecutors.Upscale.Run(new UpscaleInput(w, h, source, tw, th, quality, 0, th)).Rgb;
            for (var i = 0; i < rgb.Length; i += 3)
            {
                Assert.Equal((200, 17, 255), (rgb[i], rgb[i + 1], rgb[i + 2]));
            }
        }
    }

    [Fact]
    public void Upscaled_bands_put_together_equal_the_whole_image()
    {
        var whole = Payload.Decode<ImageOutput>(TaskExecutors.Upscale.Execute(GoldenInputs.For("render.upscale"))).Rgb;
        var input = GoldenInputs.Upscale();
        var bands = new List<byte>();
        for (var row = 0; row < input.TargetHeight; row += 48)
        {
            bands.AddRange(TaskExecutors.Upscale.Run(input with { RowStart = row, RowCount = 48 }).Rgb);
        }

        Assert.Equal(whole, bands.ToArray());
    }

    [Fact]
    public void Deflate_round_trips_through_a_standard_inflater()
    {
        var random = new SplitMix64(17);
        var noise = new byte[70_000];
        for (var i = 0; i < noise.Length; i++)
        {
            noise[i] = (byte)random.NextUInt64();
        }

        var text = System.Text.Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("the quick brown fox jumps over the lazy dog ", 3000)));
        var frames = new List<(byte[] Previous, byte[] Current)>
        {
            ([], []),
            ([], [42]),
            ([], new byte[300_000]),
            ([], noise),
            ([], text),
            (noise, text[..noise.Length]),
            (text[..70_000], text[1..70_001]),
        };
        foreach (var level in new[] { 1, 5, 9 })
        {
            foreach (var (previous, current) in frames)
            {
                var input = new DeltaDeflateInput(previous, current, level);
                var output = TaskExecutors.Deflate.Run(input);
                var raw = Inflate(output.Deflate);
                if (previous.Length > 0)
                {
                    DeltaDeflateExecutor.Undelta(raw, previous);
                }

                Assert.Equal(current, raw);
                Assert.True(TaskExecutors.Deflate.Verify(input, output, VerificationOptions.Full).Valid);
            }
        }

        Assert.True(TaskExecutors.Deflate.Run(new DeltaDeflateInput([], text, 1)).Deflate.Length < text.Length / 20);
        Assert.True(TaskExecutors.Deflate.Run(new DeltaDeflateInput([], noise, 1)).Deflate.Length <= noise.Length + 64);
    }

    [Fact]
    public void Lighting_never_exceeds_its_sources_and_satisfies_its_own_verifier()
    {
        var random = new SplitMix64(8);
        for (var trial = 0; trial < 20; trial++)
        {
            var height = 16 + 16 * random.NextInt(3);
            var blocks = new byte[256 * height];
            for (var i = 0; i < blocks.Length; i++)
            {
                var roll = random.NextInt(100);
                blocks[i] = roll < 55 ? Block.Air : roll < 85 ? Block.Stone : roll < 90 ? Block.Water : roll < 94 ? Block.Leaves : roll < 97 ? Block.Glass : roll < 99 ? Block.Torch : Block.Glowstone;
            }

            var sky = new byte[4 * 16 * height];
            var light = new byte[4 * 16 * height];
            for (var i = 0; i < sky.Length; i++)
            {
                sky[i] = (byte)random.NextInt(16);
                light[i] = (byte)(random.NextInt(4) == 0 ? random.NextInt(13) : 0);
            }

            var input = new LightingInput(height, blocks, sky, light);
            var output = TaskExecutors.Lighting.Run(input);
            var brightestSource = Math.Max(light.Max(), blocks.Max(b => Block.EmissionOf(b)));

            Assert.All(output.Sky, level => Assert.InRange(level, 0, 15));
            Assert.All(output.Block, level => Assert.InRange(level, 0, brightestSource));
            Assert.True(TaskExecutors.Lighting.Verify(input, output, new VerificationOptions(0.01, 1)).Valid);
            Assert.Contains(output.Block, level => level > 0);
        }
    }

    [Fact]
    public void Terrain_has_bedrock_at_the_bottom_and_water_at_sea_level_and_differs_between_chunks()
    {
        var input = Scenes.Terrain();
        var a = TaskExecutors.Terrain.Run(input).Blocks;
        var b = TaskExecutors.Terrain.Run(input with { ChunkX = 1 }).Blocks;

        Assert.All(Enumerable.Range(0, 256), i => Assert.Equal(Block.Bedrock, a[i]));
        Assert.NotEqual(a, b);
        Assert.Contains(a, block => block == Block.CoalOre);
        Assert.All(a, block => Assert.True(Block.IsValid(block)));
    }

    [Fact]
    public void Dialogue_answers_in_the_persona_voice_and_is_the_same_for_the_same_question()
    {
        var question = new Ai.DialogueInput("guard", "afraid", "Are the zombies coming tonight? I hate this.", 7, 20);
        var first = TaskExecutors.Dialogue.Run(question);

        Assert.Equal(first, TaskExecutors.Dialogue.Run(question));
        Assert.Equal("terrified", first.Emotion);
        Assert.Equal("cower", first.Animation);
        Assert.Contains("Zombies", first.Line);
        Assert.NotEqual(first.Line, TaskExecutors.Dialogue.Run(question with { Seed = 8 }).Line);
    }

    [Fact]
    public void Deterministic_sine_matches_the_library_to_1e_12_and_is_odd()
    {
        for (var x = -4.0; x <= 4.0; x += 0.0137)
        {
            Assert.InRange(DeterministicMath.SinPi(x) - Math.Sin(Math.PI * x), -1e-12, 1e-12);
            Assert.Equal(-DeterministicMath.SinPi(x), DeterministicMath.SinPi(-x));
        }
    }

    private static long Momentum(int[] bodies, int axis)
    {
        long total = 0;
        for (var i = 0; i < bodies.Length; i += RigidBody.Fields)
        {
            total += (long)bodies[i + RigidBody.Mass] * bodies[i + RigidBody.Velocity + axis];
        }

        return total;
    }

    private static byte[] Inflate(byte[] deflate)
    {
        using var inflater = new DeflateStream(new MemoryStream(deflate), CompressionMode.Decompress);
        using var result = new MemoryStream();
        inflater.CopyTo(result);
        return result.ToArray();
    }
}

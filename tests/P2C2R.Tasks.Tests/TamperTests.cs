using P2C2R.Tasks.Golden;

namespace P2C2R.Tasks.Tests;

/// <summary>Each verifier against outputs a cheating or broken helper could send.</summary>
public sealed class TamperTests
{
    private static readonly VerificationOptions Sampled = new(0.05, 1234);

    public static TheoryData<string> TaskIds => [.. TaskExecutors.All.Select(executor => executor.Type.Id)];

    /// <summary>
    /// The last byte is left out: a DEFLATE stream's final padding bits carry nothing (see
    /// <see cref="Deflate_verification_never_accepts_a_stream_that_inflates_to_a_wrong_frame"/>).
    /// </summary>
    [Theory]
    [MemberData(nameof(TaskIds))]
    public void A_flipped_bit_anywhere_in_the_result_is_rejected(string taskId)
    {
        TaskExecutors.TryGet(taskId, out var executor);
        var input = GoldenInputs.For(taskId);
        var output = executor.Execute(input);
        var random = new Random(5);
        for (var trial = 0; trial < 20; trial++)
        {
            var tampered = (byte[])output.Clone();
            var position = output.Length - 2 - random.Next(Math.Max(1, output.Length / 2));
            tampered[position] ^= (byte)(1 << random.Next(8));
            var verdict = executor.Verify(input, tampered, VerificationOptions.Full);
            Assert.False(verdict.Valid, $"{taskId}: bit flip at byte {position} accepted");
            Assert.False(string.IsNullOrEmpty(verdict.Reason));
        }
    }

    /// <summary>A flip of bit 4 near the end of the block light makes a level above 15, which the sampled check catches at every cell.</summary>
    [Theory]
    [InlineData("world.lighting")]
    public void Levels_above_15_are_caught_even_at_a_small_sample(string taskId)
    {
        TaskExecutors.TryGet(taskId, out var executor);
        var input = GoldenInputs.For(taskId);
        var output = executor.Execute(input);
        for (var trial = 0; trial < 10; trial++)
        {
            var tampered = (byte[])output.Clone();
            tampered[output.Length - 2 - trial * 7] ^= 0x10;
            Assert.False(executor.Verify(input, tampered, Sampled).Valid);
        }
    }

    /// <summary>
    /// Inflate-and-compare is semantic: a flip that turns a match into an equivalent one (in a
    /// delta frame, a run of zeros copied from another run of zeros) still decodes to the exact
    /// frame and is rightly accepted; replica comparison by hash tells the streams apart. What
    /// must never happen is a wrong frame getting through.
    /// </summary>
    [Fact]
    public void Deflate_verification_never_accepts_a_stream_that_inflates_to_a_wrong_frame()
    {
        var input = GoldenInputs.For("codec.deflate");
        var frame = Payload.Decode<Codec.DeltaDeflateInput>(input);
        var output = TaskExecutors.Deflate.Execute(input);
        var random = new Random(11);
        var rejected = 0;
        const int trials = 400;
        for (var trial = 0; trial < trials; trial++)
        {
            var tampered = (byte[])output.Clone();
            tampered[8 + random.Next(output.Length - 8)] ^= (byte)(1 << random.Next(8));
            if (!TaskExecutors.Deflate.Verify(input, tampered, Sampled).Valid)
            {
                rejected++;
                continue;
            }

            var decoded = Payload.Decode<Codec.DeltaDeflateOutput>(tampered);
            using var inflater = new System.IO.Compression.DeflateStream(new MemoryStream(decoded.Deflate), System.IO.Compression.CompressionMode.Decompress);
            var raw = new byte[frame.Current.Length];
            inflater.ReadExactly(raw);
            Codec.DeltaDeflateExecutor.Undelta(raw, frame.Previous);
            Assert.Equal(frame.Current, raw);
        }

        Assert.True(rejected >= trials * 9 / 10, $"only {rejected} of {trials} flips rejected");
    }

    [Theory]
    [MemberData(nameof(TaskIds))]
    public void A_truncated_result_is_rejected(string taskId)
    {
        TaskExecutors.TryGet(taskId, out var executor);
        var input = GoldenInputs.For(taskId);
        var output = executor.Execute(input);
        foreach (var cut in new[] { 1, 3, output.Length / 2, output.Length - 1 })
        {
            Assert.False(executor.Verify(input, output.AsMemory(0, output.Length - cut), Sampled).Valid, $"{taskId} cut by {cut}");
        }

        Assert.False(executor.Verify(input, ReadOnlyMemory<byte>.Empty, Sampled).Valid);
    }

    [Theory]
    [InlineData("render.raytrace")]
    [InlineData("render.upscale")]
    public void An_image_shifted_by_one_pixel_is_rejected_by_a_five_percent_sample(string taskId)
    {
        TaskExecutors.TryGet(taskId, out var executor);
        var input = GoldenInputs.For(taskId);
        var rgb = Payload.Decode<Render.ImageOutput>(executor.Execute(input)).Rgb;
        var shifted = new byte[rgb.Length];
        Array.Copy(rgb, 0, shifted, 3, rgb.Length - 3);
        Array.Copy(rgb, 0, shifted, 0, 3);

        var verdict = executor.Verify(input, Payload.Encode(new Render.ImageOutput(shifted)), Sampled);
        Assert.False(verdict.Valid);
        Assert.Contains("pixel", verdict.Reason);
    }

    [Fact]
    public void Terrain_shifted_by_one_column_is_rejected_by_a_five_percent_sample()
    {
        var input = GoldenInputs.For("world.terrain");
        var blocks = Payload.Decode<World.BlocksOutput>(TaskExecutors.Terrain.Execute(input)).Blocks;
        var shifted = new byte[blocks.Length];
        Array.Copy(blocks, 0, shifted, 1, blocks.Length - 1);

        Assert.False(TaskExecutors.Terrain.Verify(input, Payload.Encode(new World.BlocksOutput(shifted)), Sampled).Valid);
    }

    [Fact]
    public void A_single_wrong_pixel_is_caught_about_as_often_as_the_sample_fraction()
    {
        var input = GoldenInputs.For("render.raytrace");
        var rgb = Payload.Decode<Render.ImageOutput>(TaskExecutors.Raytrace.Execute(input)).Rgb;
        rgb[3 * 1000] ^= 0x01;
        var tampered = Payload.Encode(new Render.ImageOutput(rgb));

        var caught = 0;
        for (ulong seed = 0; seed < 200; seed++)
        {
            caught += TaskExecutors.Raytrace.Verify(input, tampered, new VerificationOptions(0.1, seed)).Valid ? 0 : 1;
        }

        Assert.InRange(caught, 5, 50);
        Assert.False(TaskExecutors.Raytrace.Verify(input, tampered, VerificationOptions.Full).Valid);
    }
}

using System.Buffers.Binary;
using MessagePack;
using P2C2R.Tasks.Ai;
using P2C2R.Tasks.Codec;
using P2C2R.Tasks.Golden;
using P2C2R.Tasks.Render;
using P2C2R.Tasks.World;

namespace P2C2R.Tasks.Tests.Wire;

/// <summary>
/// Payload bytes come from untrusted helpers. Whatever is wrong with them, decoding fails with a
/// <see cref="TaskInputException"/> saying what was wrong, before allocating what a length claims.
/// </summary>
public sealed class HostileInputTests
{
    [Fact]
    public void A_declared_length_past_the_input_is_refused_before_anything_is_allocated()
    {
        Assert.Contains("binary declares 4294967280 bytes but only 1 remain", Refused<DeltaDeflateInput>(0x93, 0xc6, 0xff, 0xff, 0xff, 0xf0, 0x00));
        Assert.Contains("string declares 4294967280 bytes but only 1 remain", Refused<DialogueInput>(0x95, 0xdb, 0xff, 0xff, 0xff, 0xf0, 0x61));
        Assert.Contains("binary declares 70000 bytes", Refused<ImageOutput>(0x91, 0xc6, 0x00, 0x01, 0x11, 0x70, 0x01, 0x02));
        Assert.Contains("input ends early", Refused<DeltaDeflateInput>(0xdd, 0x7f, 0xff, 0xff, 0xff, 0x01));
        Assert.Contains("input ends early", Refused<DeltaDeflateInput>(0xdd, 0xff, 0xff, 0xff, 0xff, 0x01));
    }

    [Fact]
    public void A_binary_field_takes_neither_a_string_nor_nil()
    {
        Assert.Contains("expected binary but found", Refused<DeltaDeflateInput>(0x93, 0xa0, 0xc4, 0x00, 0x01));
        Assert.Contains("expected binary but found", Refused<DeltaDeflateInput>(0x93, 0xc0, 0xc4, 0x00, 0x01));
    }

    [Fact]
    public void Invalid_utf8_is_an_error_not_a_replacement()
    {
        Assert.Contains("not valid UTF-8", Refused<DialogueInput>(0x95, 0xa2, 0xc3, 0x28, 0xa4, (byte)'c', (byte)'a', (byte)'l', (byte)'m', 0xa2, (byte)'h', (byte)'i', 0x01, 0x0a));
        Assert.Contains("expected a string but found", Refused<DialogueInput>(0x95, 0xc4, 0x01, 0x41, 0xa0, 0xa0, 0x01, 0x0a));
    }

    [Fact]
    public void A_float_field_takes_float32_exactly_but_never_an_integer()
    {
        var golden = GoldenInputs.Raytrace();
        var bytes = Payload.Encode(golden);
        Assert.Equal(0xcb, bytes[^9]);
        Assert.Equal(golden.FogDistance, BinaryPrimitives.ReadDoubleBigEndian(bytes.AsSpan(^8)));
        Assert.Equal(golden.FogDistance, (float)golden.FogDistance);

        var asInteger = bytes[..^9].Append((byte)0x10).ToArray();
        Assert.Contains("expected a float but found", Assert.Throws<TaskInputException>(() => Payload.Decode<RaytraceInput>(asInteger)).Message);

        var asFloat32 = new byte[bytes.Length - 4];
        bytes.AsSpan(0, bytes.Length - 9).CopyTo(asFloat32);
        asFloat32[^5] = 0xca;
        BinaryPrimitives.WriteSingleBigEndian(asFloat32.AsSpan(^4), (float)golden.FogDistance);
        Assert.Equal(golden.FogDistance, Payload.Decode<RaytraceInput>(asFloat32).FogDistance);
    }

    [Fact]
    public void Integers_out_of_range_for_their_field_are_refused()
    {
        Assert.Contains("out of range", Refused<TerrainInput>(0x97, 0x01, 0xce, 0xff, 0xff, 0xff, 0xff, 0x00, 0x40, 0x18, 0x04, 0x00));
        Assert.Contains("out of range", Refused<TerrainInput>(0x97, 0xff, 0x00, 0x00, 0x40, 0x18, 0x04, 0x00));
        Assert.Contains("out of range", Refused<PathfindOutput>(0x93, 0xc3, 0xcf, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xc4, 0x00));
    }

    [Fact]
    public void Wrong_types_and_the_reserved_code_are_refused_with_their_offset()
    {
        Assert.Contains("(reading stopped at byte 2)", Refused<DeltaDeflateOutput>(0x93, 0x01, 0x00, 0xc4, 0x00));
        Assert.Contains("malformed TerrainInput", Refused<TerrainInput>(0x97, 0xc1, 0x00, 0x00, 0x40, 0x18, 0x04, 0x00));
        Assert.Contains("malformed BlocksOutput", Refused<BlocksOutput>(0xc1));
        Assert.Contains("malformed BlocksOutput", Refused<BlocksOutput>());
    }

    [Fact]
    public void Every_truncation_of_an_input_is_refused()
    {
        foreach (var taskId in new[] { "world.terrain", "ai.dialogue", "physics.rigid" })
        {
            TaskExecutors.TryGet(taskId, out var executor);
            var input = GoldenInputs.For(taskId);
            for (var length = 0; length < input.Length; length++)
            {
                Assert.Throws<TaskInputException>(() => executor.EstimateCost(input.AsMemory(0, length)));
            }
        }
    }

    [Fact]
    public void Mutated_and_random_inputs_only_ever_fail_as_task_input_errors()
    {
        var random = new Random(2024);
        foreach (var executor in TaskExecutors.All)
        {
            var input = GoldenInputs.For(executor.Type.Id);
            for (var trial = 0; trial < 150; trial++)
            {
                var mutated = (byte[])input.Clone();
                var position = trial % 2 == 0 ? random.Next(Math.Min(64, input.Length)) : random.Next(input.Length);
                mutated[position] = (byte)random.Next(256);
                EstimateOrRefuse(executor, mutated);
            }

            for (var trial = 0; trial < 150; trial++)
            {
                var garbage = new byte[random.Next(0, 48)];
                random.NextBytes(garbage);
                if (garbage.Length > 0)
                {
                    garbage[0] = (byte)(0x90 + random.Next(16));
                }

                EstimateOrRefuse(executor, garbage);
            }
        }
    }

    [Fact]
    public void A_result_in_a_longer_form_than_the_smallest_fails_the_canonical_check()
    {
        var input = GoldenInputs.For("codec.deflate");
        var output = Payload.Decode<DeltaDeflateOutput>(TaskExecutors.Deflate.Execute(input));
        var rawLength = new byte[5];
        rawLength[0] = 0xd2;
        BinaryPrimitives.WriteInt32BigEndian(rawLength.AsSpan(1), output.RawLength);
        var wide = Encoded.With((ref MessagePackWriter w) =>
        {
            w.WriteArrayHeader(3);
            w.Write(output.KeyFrame);
            w.WriteRaw(rawLength);
            w.Write(output.Deflate);
        });

        Assert.Equal(output, Payload.Decode<DeltaDeflateOutput>(wide) with { Deflate = output.Deflate });
        var verdict = TaskExecutors.Deflate.Verify(input, wide, VerificationOptions.Full);
        Assert.False(verdict.Valid);
        Assert.Contains("canonical", verdict.Reason);
    }

    [Fact]
    public void A_short_string_under_a_str8_header_fails_the_canonical_check()
    {
        var input = GoldenInputs.For("ai.dialogue");
        var output = Payload.Decode<DialogueOutput>(TaskExecutors.Dialogue.Execute(input));
        var animation = System.Text.Encoding.UTF8.GetBytes(output.Animation);
        Assert.InRange(animation.Length, 0, 31);
        var str8 = new byte[] { 0xd9, (byte)animation.Length };
        var wide = Encoded.With((ref MessagePackWriter w) =>
        {
            w.WriteArrayHeader(3);
            w.Write(output.Line);
            w.Write(output.Emotion);
            w.WriteRaw(str8);
            w.WriteRaw(animation);
        });

        Assert.Equal(output, Payload.Decode<DialogueOutput>(wide));
        var verdict = TaskExecutors.Dialogue.Verify(input, wide, VerificationOptions.Full);
        Assert.False(verdict.Valid);
        Assert.Contains("canonical", verdict.Reason);
    }

    private static string Refused<T>(params byte[] bytes) where T : ITaskPayload<T> =>
        Assert.Throws<TaskInputException>(() => Payload.Decode<T>(bytes)).Message;

    /// <summary>Any exception other than <see cref="TaskInputException"/> escapes and fails the test.</summary>
    private static void EstimateOrRefuse(ITaskExecutor executor, byte[] input)
    {
        try
        {
            Assert.True(executor.EstimateCost(input) >= 0);
        }
        catch (TaskInputException)
        {
        }
    }
}

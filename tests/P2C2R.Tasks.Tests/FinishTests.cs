using P2C2R.Tasks.Codec;
using P2C2R.Tasks.Golden;
using P2C2R.Tasks.Render;

namespace P2C2R.Tasks.Tests;

/// <summary><c>render.finish</c> is <c>render.upscale</c> then <c>codec.deflate</c> in one task, byte for byte.</summary>
public sealed class FinishTests
{
    [Fact]
    public void A_delta_frame_is_the_upscale_then_the_deflate_of_the_two_frames()
    {
        var input = GoldenInputs.Finish();
        var chained = TaskExecutors.Deflate.Execute(Payload.Encode(new DeltaDeflateInput(Upscaled(input.Previous!), Upscaled(input.Current), input.Level)));
        Assert.Equal(chained, TaskExecutors.Finish.Execute(Payload.Encode(input)));
    }

    [Fact]
    public void A_key_frame_is_the_deflate_of_the_upscaled_frame_alone()
    {
        var input = GoldenInputs.Finish() with { Previous = null };
        var output = TaskExecutors.Finish.Execute(Payload.Encode(input));
        Assert.Equal(TaskExecutors.Deflate.Execute(Payload.Encode(new DeltaDeflateInput([], Upscaled(input.Current), 1))), output);
        Assert.True(Payload.Decode<DeltaDeflateOutput>(output).KeyFrame);
        Assert.True(TaskExecutors.Finish.Verify(Payload.Encode(input), output, VerificationOptions.Full).Valid);
    }

    [Fact]
    public void Results_do_not_depend_on_what_was_upscaled_before()
    {
        var input = GoldenInputs.Finish();
        var swapped = Payload.Encode(input with { Current = input.Previous!, Previous = input.Current });
        var first = TaskExecutors.Finish.Execute(Payload.Encode(input));
        var other = TaskExecutors.Finish.Execute(swapped);
        Assert.NotEqual(first, other);
        Assert.Equal(first, TaskExecutors.Finish.Execute(Payload.Encode(input)));
        Assert.Equal(other, TaskExecutors.Finish.Execute(swapped));
    }

    [Fact]
    public void A_previous_frame_of_another_shape_is_refused()
    {
        var input = GoldenInputs.Finish();
        var error = Assert.Throws<TaskInputException>(() => TaskExecutors.Finish.Execute(Payload.Encode(input with { Previous = input.Previous! with { TargetWidth = 200 } })));
        Assert.Contains("shape", error.Message);
    }

    [Fact]
    public void A_part_of_a_frame_is_refused()
    {
        var input = GoldenInputs.Finish();
        var error = Assert.Throws<TaskInputException>(() => TaskExecutors.Finish.Execute(Payload.Encode(input with { Current = input.Current with { RowCount = 10 } })));
        Assert.Contains("whole", error.Message);
    }

    [Fact]
    public void One_wrong_pixel_is_caught_at_any_sample_fraction_and_so_is_a_false_key_frame()
    {
        var input = GoldenInputs.Finish();
        var encoded = Payload.Encode(input);
        var honest = Payload.Decode<DeltaDeflateOutput>(TaskExecutors.Finish.Execute(encoded));
        var frame = Upscaled(input.Current);
        var previous = Upscaled(input.Previous!);
        frame[frame.Length / 3] ^= 0x10;
        var lie = TaskExecutors.Deflate.Execute(Payload.Encode(new DeltaDeflateInput(previous, frame, 1)));
        Assert.False(TaskExecutors.Finish.Verify(encoded, lie, new VerificationOptions(0.01, 5)).Valid);
        var keyFrame = Payload.Encode(honest with { KeyFrame = true });
        Assert.Contains("keyFrame", TaskExecutors.Finish.Verify(encoded, keyFrame, VerificationOptions.Full).Reason);
    }

    private static byte[] Upscaled(UpscaleInput frame) => Payload.Decode<ImageOutput>(TaskExecutors.Upscale.Execute(Payload.Encode(frame))).Rgb;
}

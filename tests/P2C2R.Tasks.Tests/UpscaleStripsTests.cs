using MessagePack;
using P2C2R.Tasks.Golden;
using P2C2R.Tasks.Render;

namespace P2C2R.Tasks.Tests;

/// <summary>The strips form of <c>render.upscale</c>'s source: the traced bands as they came back, in order.</summary>
public sealed class UpscaleStripsTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(7)]
    [InlineData(64)]
    public void Strips_give_the_output_of_the_joined_source(int count)
    {
        var joined = GoldenInputs.Upscale();
        var strips = Split(joined.Source.Length, count);
        var encoded = Payload.Encode(joined with { Strips = strips });
        Assert.Equal(TaskExecutors.Upscale.Execute(Payload.Encode(joined)), TaskExecutors.Upscale.Execute(encoded));
        Assert.Equal(encoded, Payload.Encode(Payload.Decode<UpscaleInput>(encoded)));
        var output = TaskExecutors.Upscale.Execute(encoded);
        Assert.True(TaskExecutors.Upscale.Verify(encoded, output, VerificationOptions.Full).Valid);
    }

    [Fact]
    public void Each_strip_is_encoded_exactly_as_the_rgb_bin_of_a_band_output()
    {
        var joined = GoldenInputs.Upscale();
        var strips = Split(joined.Source.Length, 4);
        var encoded = Payload.Encode(joined with { Strips = strips });
        var reader = new MessagePackReader(encoded);
        reader.ReadArrayHeader();
        reader.Skip();
        reader.Skip();
        Assert.Equal(4, reader.ReadArrayHeader());
        var offset = 0;
        foreach (var length in strips)
        {
            var band = Payload.Encode(new ImageOutput(joined.Source.AsSpan(offset, length).ToArray()));
            var start = (int)reader.Consumed;
            reader.Skip();
            Assert.Equal(band[1..], encoded[start..(int)reader.Consumed]);
            offset += length;
        }
    }

    [Theory]
    [InlineData(0, "source strip count is 0")]
    [InlineData(65, "source strip count is 65")]
    public void Strip_counts_outside_1_to_64_are_refused(int count, string message)
    {
        var joined = GoldenInputs.Upscale();
        var strips = count == 0 ? [] : Split(joined.Source.Length, count);
        var encoded = Payload.Encode(joined with { Source = count == 0 ? [] : joined.Source, Strips = strips });
        Assert.Contains(message, Assert.Throws<TaskInputException>(() => TaskExecutors.Upscale.Execute(encoded)).Message);
        Assert.Throws<TaskInputException>(() => TaskExecutors.Upscale.Run(joined with { Strips = strips }));
    }

    [Fact]
    public void An_empty_strip_and_a_wrong_total_are_refused()
    {
        var joined = GoldenInputs.Upscale();
        var empty = Payload.Encode(joined with { Strips = [joined.Source.Length, 0] });
        Assert.Contains("source strip 1 is empty", Assert.Throws<TaskInputException>(() => TaskExecutors.Upscale.Execute(empty)).Message);

        var shortSource = joined with { Source = joined.Source[..^3], Strips = [joined.Source.Length - 3] };
        Assert.Contains("sourceWidth·sourceHeight·3", Assert.Throws<TaskInputException>(() => TaskExecutors.Upscale.Execute(Payload.Encode(shortSource))).Message);

        var longSource = joined with { Source = [.. joined.Source, 1, 2, 3], Strips = [joined.Source.Length, 3] };
        Assert.Contains("sourceWidth·sourceHeight·3", Assert.Throws<TaskInputException>(() => TaskExecutors.Upscale.Execute(Payload.Encode(longSource))).Message);

        Assert.Contains("source strips hold", Assert.Throws<TaskInputException>(() => TaskExecutors.Upscale.Run(joined with { Strips = [3, 3] })).Message);
    }

    private static int[] Split(int total, int count)
    {
        var strips = new int[count];
        for (var i = 0; i < count; i++)
        {
            strips[i] = (int)((long)total * (i + 1) / count) - (int)((long)total * i / count);
        }

        return strips;
    }
}

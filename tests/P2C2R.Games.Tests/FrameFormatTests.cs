using P2C2R.Tasks;
using P2C2R.Tasks.Render;

namespace P2C2R.Games.Tests;

/// <summary>The frame's upscale task sends the traced bands as strips, each encoded as its band's output.</summary>
public sealed class FrameFormatTests
{
    [Fact]
    public void The_strips_upscale_equals_the_joined_one_and_reuses_the_band_bins()
    {
        var world = Worlds.Loaded();
        Worlds.Play(world, GameKeys.Forward, 12);
        var format = Worlds.Options.Frame;
        var outputs = new byte[format.Bands][];
        var bands = new byte[format.Bands][];
        for (var band = 0; band < format.Bands; band++)
        {
            outputs[band] = TaskExecutors.Raytrace.Execute(Payload.Encode(world.DescribeFrame(band)));
            bands[band] = Payload.Decode<ImageOutput>(outputs[band]).Rgb;
        }

        var strips = Payload.Encode(format.Upscale(bands));
        var joined = Payload.Encode(format.Upscale(bands) with { Strips = null });
        Assert.Equal(TaskExecutors.Upscale.Execute(joined), TaskExecutors.Upscale.Execute(strips));
        Assert.Equal(FrameRenderer.Render(world, format), Payload.Decode<ImageOutput>(TaskExecutors.Upscale.Execute(strips)).Rgb);
        foreach (var output in outputs)
        {
            Assert.True(strips.AsSpan().IndexOf(output.AsSpan(1)) > 0, "every band's rgb bin appears verbatim in the upscale input");
        }
    }

    [Fact]
    public void More_bands_than_strips_is_not_a_usable_format()
    {
        Assert.Throws<ArgumentException>(() => new FrameFormat(128, 72, 256, 144, 65).Validate());
    }
}

using P2C2R.GamerClient.Play;
using P2C2R.GamerClient.Tests.Support;

namespace P2C2R.GamerClient.Tests;

public sealed class FrameDecoderTests
{
    [Fact]
    public void A_key_frame_and_deltas_on_it_decode_to_the_frames_sent()
    {
        var decoder = new FrameDecoder();
        var (first, second, third) = (TestFrames.Rgb(1), TestFrames.Rgb(2), TestFrames.Rgb(3));

        Assert.True(decoder.Decode(TestFrames.Key(0, first)));
        Assert.Equal(first, decoder.Current.ToArray());
        Assert.True(decoder.Decode(TestFrames.Delta(1, first, second)));
        Assert.Equal(second, decoder.Current.ToArray());
        Assert.True(decoder.Decode(TestFrames.Delta(2, second, third)));
        Assert.Equal(third, decoder.Current.ToArray());
    }

    [Fact]
    public void A_delta_without_its_base_waits_for_the_next_key_frame()
    {
        var decoder = new FrameDecoder();

        Assert.False(decoder.Decode(TestFrames.Delta(5, TestFrames.Rgb(1), TestFrames.Rgb(2))));
        Assert.True(decoder.Decode(TestFrames.Key(6, TestFrames.Rgb(6))));
        Assert.Equal(TestFrames.Rgb(6), decoder.Current.ToArray());
    }

    [Fact]
    public void Malformed_frames_are_refused_and_the_next_delta_waits_for_a_key_frame()
    {
        var decoder = new FrameDecoder();
        Assert.True(decoder.Decode(TestFrames.Key(0, TestFrames.Rgb(0))));

        Assert.False(decoder.Decode(TestFrames.Update(1, true, [0xFF, 0xFF, 0xFF])));
        Assert.False(decoder.Decode(TestFrames.Delta(2, TestFrames.Rgb(0), TestFrames.Rgb(2))));
        Assert.False(decoder.Decode(TestFrames.Update(3, true, TestFrames.Deflate(new byte[TestFrames.Width * TestFrames.Height * 3 + 1]))));
        Assert.False(decoder.Decode(TestFrames.Update(4, true, TestFrames.Deflate(new byte[5]))));
        Assert.False(decoder.Decode(TestFrames.Key(5, TestFrames.Rgb(5)) with { Width = 5000, Height = 5000 }));
        Assert.True(decoder.Decode(TestFrames.Key(6, TestFrames.Rgb(6))));
    }
}

namespace P2C2R.Tasks.Render;

/// <summary>
/// The check image verifiers share: a claimed region of <c>width × height</c> pixels at
/// (<c>left</c>, <c>top</c>) of the image, compared with a recomputation of a sample of its
/// pixels. A rejection names the pixel and both colours.
/// </summary>
internal static class ImageCheck
{
    public static Verdict Sampled(ReadOnlySpan<byte> rgb, int left, int top, int width, int height, in VerificationOptions options, Func<int, int, int> recompute)
    {
        var pixels = width * height;
        if (rgb.Length != pixels * 3)
        {
            return Verdict.Reject($"the image has {rgb.Length} bytes; expected {pixels * 3}");
        }

        foreach (var index in Sample.Indices(pixels, options))
        {
            var x = left + index % width;
            var y = top + index / width;
            var expected = recompute(x, y);
            var r = rgb[index * 3];
            var g = rgb[index * 3 + 1];
            var b = rgb[index * 3 + 2];
            if (((r << 16) | (g << 8) | b) != expected)
            {
                return Verdict.Reject($"pixel ({x}, {y}) is ({r}, {g}, {b}); expected ({expected >> 16}, {(expected >> 8) & 0xFF}, {expected & 0xFF})");
            }
        }

        return Verdict.Accept;
    }
}

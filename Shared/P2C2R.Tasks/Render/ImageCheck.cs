namespace P2C2R.Tasks.Render;

/// <summary>The comparison image verifiers share, with a message that names the pixel.</summary>
internal static class ImageCheck
{
    public static Verdict Pixel(ReadOnlySpan<byte> rgb, int index, int expected, int x, int y)
    {
        var r = rgb[index * 3];
        var g = rgb[index * 3 + 1];
        var b = rgb[index * 3 + 2];
        var actual = (r << 16) | (g << 8) | b;
        return actual == expected
            ? Verdict.Accept
            : Verdict.Reject($"pixel ({x}, {y}) is ({r}, {g}, {b}); expected ({expected >> 16}, {(expected >> 8) & 0xFF}, {expected & 0xFF})");
    }
}

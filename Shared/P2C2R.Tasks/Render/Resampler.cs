namespace P2C2R.Tasks.Render;

/// <summary>
/// Separable resize with integer taps: a horizontal pass into unclamped integers, then a vertical
/// pass, each rounded half up. <see cref="Pixel"/> computes one target pixel by exactly the same
/// arithmetic as <see cref="Rows"/>, so a verifier's sample matches the helper's band bit for bit.
/// </summary>
internal sealed class Resampler
{
    private const int Half = 1 << (ResampleKernel.WeightBits - 1);
    private readonly UpscaleInput _input;
    private readonly ResampleKernel _horizontal;
    private readonly ResampleKernel _vertical;

    public Resampler(UpscaleInput input)
    {
        _input = input;
        _horizontal = ResampleKernel.Create(input.SourceWidth, input.TargetWidth, input.Quality);
        _vertical = ResampleKernel.Create(input.SourceHeight, input.TargetHeight, input.Quality);
    }

    public byte[] Rows(int rowStart, int rowCount)
    {
        var width = _input.TargetWidth;
        var firstSource = Math.Max(0, _vertical.First[rowStart]);
        var lastSource = Math.Min(_input.SourceHeight - 1, _vertical.First[rowStart + rowCount - 1] + _vertical.Taps - 1);
        var filtered = new int[(lastSource - firstSource + 1) * width * 3];
        for (var sy = firstSource; sy <= lastSource; sy++)
        {
            var row = (sy - firstSource) * width * 3;
            for (var x = 0; x < width; x++)
            {
                HorizontalInto(sy, x, filtered.AsSpan(row + x * 3, 3));
            }
        }

        var output = new byte[rowCount * width * 3];
        var taps = _vertical.Taps;
        for (var y = rowStart; y < rowStart + rowCount; y++)
        {
            var weights = _vertical.Weights.AsSpan((y) * taps, taps);
            var first = _vertical.First[y];
            var target = (y - rowStart) * width * 3;
            for (var x = 0; x < width * 3; x++)
            {
                var sum = 0;
                for (var k = 0; k < taps; k++)
                {
                    var sy = Math.Clamp(first + k, 0, _input.SourceHeight - 1);
                    sum += weights[k] * filtered[(sy - firstSource) * width * 3 + x];
                }

                output[target + x] = ToByte(sum);
            }
        }

        return output;
    }

    /// <summary>One target pixel as 0xRRGGBB.</summary>
    public int Pixel(int x, int y)
    {
        var taps = _vertical.Taps;
        Span<int> horizontal = stackalloc int[3];
        int r = 0, g = 0, b = 0;
        for (var k = 0; k < taps; k++)
        {
            var sy = Math.Clamp(_vertical.First[y] + k, 0, _input.SourceHeight - 1);
            HorizontalInto(sy, x, horizontal);
            var w = _vertical.Weights[y * taps + k];
            r += w * horizontal[0];
            g += w * horizontal[1];
            b += w * horizontal[2];
        }

        return (ToByte(r) << 16) | (ToByte(g) << 8) | ToByte(b);
    }

    private void HorizontalInto(int sourceRow, int x, Span<int> rgb)
    {
        var taps = _horizontal.Taps;
        var first = _horizontal.First[x];
        var weights = _horizontal.Weights.AsSpan(x * taps, taps);
        var source = _input.Source.AsSpan(sourceRow * _input.SourceWidth * 3, _input.SourceWidth * 3);
        int r = 0, g = 0, b = 0;
        for (var k = 0; k < taps; k++)
        {
            var sx = Math.Clamp(first + k, 0, _input.SourceWidth - 1) * 3;
            int w = weights[k];
            r += w * source[sx];
            g += w * source[sx + 1];
            b += w * source[sx + 2];
        }

        rgb[0] = (r + Half) >> ResampleKernel.WeightBits;
        rgb[1] = (g + Half) >> ResampleKernel.WeightBits;
        rgb[2] = (b + Half) >> ResampleKernel.WeightBits;
    }

    private static byte ToByte(int sum) => (byte)Math.Clamp((sum + Half) >> ResampleKernel.WeightBits, 0, 255);
}

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

    /// <summary>
    /// Target rows <c>[rowStart, rowStart + rowCount)</c>. The source offsets each tap reads are
    /// clamped once, not per pixel, and the vertical pass runs a whole row at a time; the sums are
    /// the same integers <see cref="Pixel"/> adds, so every byte is too.
    /// </summary>
    public byte[] Rows(int rowStart, int rowCount)
    {
        var stride = _input.TargetWidth * 3;
        var firstSource = Math.Max(0, _vertical.First[rowStart]);
        var lastSource = Math.Min(_input.SourceHeight - 1, _vertical.First[rowStart + rowCount - 1] + _vertical.Taps - 1);
        var filtered = new int[(lastSource - firstSource + 1) * stride];
        var offsets = SourceOffsets();
        for (var sy = firstSource; sy <= lastSource; sy++)
        {
            HorizontalRow(sy, offsets, filtered.AsSpan((sy - firstSource) * stride, stride));
        }

        var output = new byte[rowCount * stride];
        var taps = _vertical.Taps;
        var sums = new int[stride];
        for (var y = rowStart; y < rowStart + rowCount; y++)
        {
            var weights = _vertical.Weights.AsSpan(y * taps, taps);
            sums.AsSpan().Clear();
            for (var k = 0; k < taps; k++)
            {
                var sy = Math.Clamp(_vertical.First[y] + k, 0, _input.SourceHeight - 1);
                var source = filtered.AsSpan((sy - firstSource) * stride, stride);
                int w = weights[k];
                for (var x = 0; x < stride; x++)
                {
                    sums[x] += w * source[x];
                }
            }

            var target = output.AsSpan((y - rowStart) * stride, stride);
            for (var x = 0; x < stride; x++)
            {
                target[x] = ToByte(sums[x]);
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

    /// <summary>Per target column and tap, the byte offset in a source row it reads, clamped to the row.</summary>
    private int[] SourceOffsets()
    {
        var taps = _horizontal.Taps;
        var offsets = new int[_input.TargetWidth * taps];
        for (var x = 0; x < _input.TargetWidth; x++)
        {
            for (var k = 0; k < taps; k++)
            {
                offsets[x * taps + k] = Math.Clamp(_horizontal.First[x] + k, 0, _input.SourceWidth - 1) * 3;
            }
        }

        return offsets;
    }

    /// <summary>One source row filtered horizontally to the target width, as <see cref="HorizontalInto"/> filters one pixel.</summary>
    private void HorizontalRow(int sourceRow, int[] offsets, Span<int> row)
    {
        var taps = _horizontal.Taps;
        var weights = _horizontal.Weights;
        var source = _input.Source.AsSpan(sourceRow * _input.SourceWidth * 3, _input.SourceWidth * 3);
        for (var x = 0; x < _input.TargetWidth; x++)
        {
            int r = 0, g = 0, b = 0;
            for (var k = x * taps; k < (x + 1) * taps; k++)
            {
                var sx = offsets[k];
                int w = weights[k];
                r += w * source[sx];
                g += w * source[sx + 1];
                b += w * source[sx + 2];
            }

            row[x * 3] = (r + Half) >> ResampleKernel.WeightBits;
            row[x * 3 + 1] = (g + Half) >> ResampleKernel.WeightBits;
            row[x * 3 + 2] = (b + Half) >> ResampleKernel.WeightBits;
        }
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

using P2C2R.Tasks.Numerics;

namespace P2C2R.Tasks.Render;

/// <summary>
/// Integer filter taps for one axis of a resize. Weights are computed once per target coordinate
/// in double (with <see cref="DeterministicMath"/> for Lanczos), rounded to Q14 and corrected so
/// each set sums to exactly 2^14: a constant image stays exactly constant and every machine
/// filters with the same integers.
/// </summary>
internal sealed class ResampleKernel
{
    public const int WeightBits = 14;

    private ResampleKernel(int taps, int[] first, short[] weights)
    {
        Taps = taps;
        First = first;
        Weights = weights;
    }

    public int Taps { get; }

    /// <summary>Source index of the first tap of each target coordinate (may be out of range: clamp).</summary>
    public int[] First { get; }

    /// <summary><see cref="Taps"/> weights per target coordinate.</summary>
    public short[] Weights { get; }

    public static ResampleKernel Create(int source, int target, UpscaleQuality quality)
    {
        var scale = (double)source / target;
        var radius = quality switch { UpscaleQuality.Nearest => 0, UpscaleQuality.Bilinear => 1, UpscaleQuality.Bicubic => 2, _ => 3 };
        var taps = Math.Max(1, 2 * radius);
        var first = new int[target];
        var weights = new short[target * taps];
        Span<double> raw = stackalloc double[6];
        for (var i = 0; i < target; i++)
        {
            var centre = (i + 0.5) * scale - 0.5;
            if (quality == UpscaleQuality.Nearest)
            {
                first[i] = (int)Math.Floor(centre + 0.5);
                weights[i] = 1 << WeightBits;
                continue;
            }

            var start = (int)Math.Floor(centre) - radius + 1;
            first[i] = start;
            var sum = 0.0;
            for (var k = 0; k < taps; k++)
            {
                raw[k] = Filter(quality, centre - (start + k));
                sum += raw[k];
            }

            var total = 0;
            var largest = 0;
            for (var k = 0; k < taps; k++)
            {
                var w = (int)Math.Round(raw[k] / sum * (1 << WeightBits));
                weights[i * taps + k] = (short)w;
                total += w;
                if (Math.Abs(w) > Math.Abs(weights[i * taps + largest]))
                {
                    largest = k;
                }
            }

            weights[i * taps + largest] += (short)((1 << WeightBits) - total);
        }

        return new ResampleKernel(taps, first, weights);
    }

    private static double Filter(UpscaleQuality quality, double x)
    {
        var d = Math.Abs(x);
        switch (quality)
        {
            case UpscaleQuality.Bilinear:
                return Math.Max(0.0, 1.0 - d);
            case UpscaleQuality.Bicubic:
                const double a = -0.5;
                return d <= 1 ? ((a + 2) * d - (a + 3)) * d * d + 1
                    : d < 2 ? ((a * d - 5 * a) * d + 8 * a) * d - 4 * a
                    : 0.0;
            default:
                return d < 3 ? DeterministicMath.Sinc(d) * DeterministicMath.Sinc(d / 3) : 0.0;
        }
    }
}

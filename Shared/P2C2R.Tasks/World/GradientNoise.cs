using P2C2R.Tasks.Numerics;

namespace P2C2R.Tasks.World;

/// <summary>
/// Perlin-style gradient noise in Q16.16 integers: lattice gradients chosen by a seeded integer
/// hash, a quintic fade and linear blends, all exact, so every helper generates the same world.
/// Results lie roughly in [−1, 1] (±65536).
/// </summary>
public readonly struct GradientNoise(ulong seed)
{
    private const long One = Fixed.One;

    /// <summary>2D noise at Q16.16 coordinates.</summary>
    public long At(long x, long z) => At(x, 0, z, plane: true);

    /// <summary>3D noise at Q16.16 coordinates.</summary>
    public long At(long x, long y, long z) => At(x, y, z, plane: false);

    /// <summary>Fractal sum of <paramref name="octaves"/> layers, each at twice the frequency and half the amplitude.</summary>
    public long Fractal(long x, long z, int octaves)
    {
        long sum = 0;
        long amplitude = One;
        long total = 0;
        for (var octave = 0; octave < octaves; octave++)
        {
            var layer = new GradientNoise(seed + (ulong)octave * 0x9E3779B97F4A7C15UL);
            sum += Fixed.Mul(layer.At(x << octave, z << octave), amplitude);
            total += amplitude;
            amplitude >>= 1;
        }

        return Fixed.Div(sum, total);
    }

    private long At(long x, long y, long z, bool plane)
    {
        var ix = x >> 16;
        var iy = y >> 16;
        var iz = z >> 16;
        var fx = x & 0xFFFF;
        var fy = y & 0xFFFF;
        var fz = z & 0xFFFF;
        var u = Fade(fx);
        var v = Fade(fy);
        var w = Fade(fz);
        var x00 = Lerp(u, Corner(ix, iy, iz, fx, fy, fz), Corner(ix + 1, iy, iz, fx - One, fy, fz));
        var x01 = Lerp(u, Corner(ix, iy, iz + 1, fx, fy, fz - One), Corner(ix + 1, iy, iz + 1, fx - One, fy, fz - One));
        var front = Lerp(w, x00, x01);
        if (plane)
        {
            return front;
        }

        var x10 = Lerp(u, Corner(ix, iy + 1, iz, fx, fy - One, fz), Corner(ix + 1, iy + 1, iz, fx - One, fy - One, fz));
        var x11 = Lerp(u, Corner(ix, iy + 1, iz + 1, fx, fy - One, fz - One), Corner(ix + 1, iy + 1, iz + 1, fx - One, fy - One, fz - One));
        return Lerp(v, front, Lerp(w, x10, x11));
    }

    /// <summary>Dot product of the lattice point's gradient (one of 12 cube edges) with the offset.</summary>
    private long Corner(long ix, long iy, long iz, long dx, long dy, long dz)
    {
        var hash = SplitMix64.Hash(seed, ix, iy, iz);
        return (hash % 12) switch
        {
            0 => dx + dy,
            1 => -dx + dy,
            2 => dx - dy,
            3 => -dx - dy,
            4 => dx + dz,
            5 => -dx + dz,
            6 => dx - dz,
            7 => -dx - dz,
            8 => dy + dz,
            9 => -dy + dz,
            10 => dy - dz,
            _ => -dy - dz,
        };
    }

    /// <summary>6t⁵ − 15t⁴ + 10t³ for t in [0, 1) as Q16.16.</summary>
    private static long Fade(long t) => Fixed.Mul(Fixed.Mul(Fixed.Mul(t, t), t), Fixed.Mul(t, 6 * t - 15 * One) + 10 * One);

    private static long Lerp(long t, long a, long b) => a + Fixed.Mul(t, b - a);
}

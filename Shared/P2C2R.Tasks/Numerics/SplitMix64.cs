namespace P2C2R.Tasks.Numerics;

/// <summary>
/// SplitMix64: a tiny, well-mixed generator whose whole state is one explicit seed, so every
/// machine draws the same sequence. Executors never use <see cref="Random"/>, whose algorithm
/// is not specified across runtime versions.
/// </summary>
public struct SplitMix64(ulong seed)
{
    private ulong _state = seed;

    public ulong NextUInt64()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [0, bound) by multiply-shift; bound must be positive.</summary>
    public int NextInt(int bound) => (int)(((NextUInt64() >> 32) * (ulong)bound) >> 32);

    /// <summary>A well-mixed hash of a seed and integer coordinates: the same bits for the same point everywhere.</summary>
    public static ulong Hash(ulong seed, long x, long y, long z)
    {
        var generator = new SplitMix64(seed ^ ((ulong)x * 0x8DA6B343UL) ^ ((ulong)y * 0xD8163841UL) ^ ((ulong)z * 0xCB1AB31FUL));
        return generator.NextUInt64();
    }
}

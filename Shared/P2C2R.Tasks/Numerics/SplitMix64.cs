namespace P2C2R.Tasks.Numerics;

/// <summary>
/// SplitMix64: a tiny, well-mixed generator whose whole state is one explicit seed, so every
/// machine draws the same sequence. Executors never use <see cref="Random"/>, whose algorithm
/// is not specified across runtime versions.
/// </summary>
public struct SplitMix64(ulong seed)
{
    private const ulong Gamma = 0x9E3779B97F4A7C15UL;
    private ulong _state = seed;

    /// <summary>The generator seeded with <paramref name="seed"/> after <paramref name="draws"/> draws: the state only adds a constant per draw, so any point of the stream is one step away.</summary>
    public static SplitMix64 After(ulong seed, int draws) => new(seed + (ulong)draws * Gamma);

    public ulong NextUInt64()
    {
        var z = _state += Gamma;
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

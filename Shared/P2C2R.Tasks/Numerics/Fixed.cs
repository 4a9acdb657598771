namespace P2C2R.Tasks.Numerics;

/// <summary>
/// Q16.16 fixed point carried in <see cref="long"/> during arithmetic and stored as
/// <see cref="int"/>: integer operations give the same bits on every CPU, which is what lets two
/// helpers' physics results be compared by hash.
/// </summary>
public static class Fixed
{
    public const int Shift = 16;
    public const long One = 1L << Shift;

    public static long Mul(long a, long b) => (a * b) >> Shift;

    public static long Div(long a, long b) => (a << Shift) / b;

    public static long FromInt(int value) => (long)value << Shift;

    /// <summary>Length of a vector of Q16.16 components, in Q16.16.</summary>
    public static long Length(long x, long y, long z) => (long)IntMath.Sqrt((ulong)(x * x + y * y + z * z));
}

namespace P2C2R.Tasks.Numerics;

/// <summary>Exact integer helpers for the fixed-point executors.</summary>
public static class IntMath
{
    /// <summary>
    /// Floor of the square root, exact for every <see cref="ulong"/>: the floating-point estimate
    /// only seeds the search, integer steps settle the answer, so it is the same everywhere.
    /// </summary>
    public static ulong Sqrt(ulong value)
    {
        if (value < 2)
        {
            return value;
        }

        var root = Math.Min((ulong)Math.Sqrt(value), uint.MaxValue);
        while (root * root > value)
        {
            root--;
        }

        while (root < uint.MaxValue && (root + 1) * (root + 1) <= value)
        {
            root++;
        }

        return root;
    }
}

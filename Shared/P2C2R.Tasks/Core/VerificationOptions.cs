namespace P2C2R.Tasks;

/// <summary>
/// How hard a verifier looks. <see cref="SampleFraction"/> is the share of independent units
/// (pixels, columns, bodies) recomputed; 1 means everything is recomputed and compared exactly.
/// The seed is the coordinator's secret, so a helper cannot know which units will be checked.
/// </summary>
public readonly record struct VerificationOptions(double SampleFraction, ulong Seed)
{
    public static VerificationOptions Full => new(1.0, 0);

    public bool IsFull => SampleFraction >= 1.0;

    /// <summary>How many of <paramref name="units"/> a sample covers: at least one, at most all.</summary>
    public int SampleCount(int units)
    {
        if (units <= 0)
        {
            return 0;
        }

        if (IsFull)
        {
            return units;
        }

        var count = (int)Math.Ceiling(units * Math.Max(0.0, SampleFraction));
        return Math.Clamp(count, 1, units);
    }
}

using P2C2R.Tasks.Numerics;

namespace P2C2R.Tasks;

/// <summary>
/// Stratified sample of unit indices: the range is cut into equal strata and one index is drawn
/// from each, so a sample of k covers the whole output evenly and costs O(k), never O(units).
/// </summary>
public static class Sample
{
    public static int[] Indices(int units, in VerificationOptions options)
    {
        var count = options.SampleCount(units);
        var indices = new int[count];
        if (count == units)
        {
            for (var i = 0; i < count; i++)
            {
                indices[i] = i;
            }

            return indices;
        }

        var random = new SplitMix64(options.Seed);
        for (var i = 0; i < count; i++)
        {
            var start = (int)((long)units * i / count);
            var end = (int)((long)units * (i + 1) / count);
            indices[i] = start + random.NextInt(end - start);
        }

        return indices;
    }
}

namespace P2C2R.Tasks.Physics;

/// <summary>
/// <c>physics.cloth</c>: a banner in the wind.
/// <para>
/// The sampled verifier catches for sure: wrong lengths, previous positions that are not the
/// input positions, a pinned particle that moved, and a particle outside the world limits. Then,
/// on a cloth larger than one window, it recomputes sampled windows exactly: after N iterations a
/// particle depends only on particles within N steps, so stepping a window of radius 2N gives its
/// core exactly; windows are counted so their work is the sample fraction of the whole step. A
/// cloth no larger than one window (a game's banner) has no cheaper exact part, so the secret seed
/// picks whether to recompute it whole, with chance <see cref="SpotCheckChance"/>. It can miss
/// wrong positions outside the sampled windows, or on a small cloth the step it does not recompute:
/// a cheat survives each check with chance 1 − <see cref="SpotCheckChance"/>, not repeatedly.
/// At fraction 1 it recomputes the whole step.
/// </para>
/// </summary>
public sealed class ClothExecutor : TaskExecutor<ClothInput, ClothOutput>
{
    public const int MaxSide = 256;

    /// <summary>The chance a small cloth's step is recomputed whole by a sampled verification.</summary>
    public const double SpotCheckChance = 0.2;

    public override TaskType Type { get; } = new("physics.cloth", 1, MaxSide * MaxSide * 25 + 128, MaxSide * MaxSide * 24 + 64);

    public override long Cost(ClothInput input) => 1 + (long)input.Count * (input.Iterations + 1) / 16;

    protected override void Validate(ClothInput input)
    {
        TaskInputException.InRange(input.Width, 2, MaxSide, "width");
        TaskInputException.InRange(input.Height, 2, MaxSide, "height");
        TaskInputException.InRange(input.Iterations, 1, 64, "iterations");
        TaskInputException.Require(input.Dt > 0 && input.Dt <= 1 << 14, $"dt is {input.Dt}; it must be in (0, 0.25 s] (Q16.16)");
        TaskInputException.Require(Math.Abs(input.Gravity) <= 100 << 16, $"gravity is {input.Gravity}; at most 100 units/s² (Q16.16)");
        TaskInputException.Require(input.RestLength > 0 && input.RestLength <= 64 << 16, "restLength must be in (0, 64] units");
        TaskInputException.InRange(input.Damping, 0, 1 << 16, "damping");
        TaskInputException.Require(input.Positions.Length == input.Count * 3, $"positions has {input.Positions.Length} values; width·height·3 is {input.Count * 3}");
        TaskInputException.Require(input.Previous.Length == input.Count * 3, $"previous has {input.Previous.Length} values; width·height·3 is {input.Count * 3}");
        TaskInputException.Require(input.Pinned.Length == (input.Count + 7) / 8, $"pinned has {input.Pinned.Length} bytes; expected {(input.Count + 7) / 8}");
        for (var k = 0; k < input.Positions.Length; k++)
        {
            TaskInputException.Require(Math.Abs((long)input.Positions[k]) <= RigidWorld.Limit && Math.Abs((long)input.Previous[k]) <= RigidWorld.Limit,
                $"particle {k / 3} is outside ±1024 units");
        }
    }

    protected override ClothOutput Compute(ClothInput input) => ClothSolver.Step(input);

    public override Verdict Verify(ClothInput input, ClothOutput claimed, VerificationOptions options)
    {
        if (claimed.Positions.Length != input.Positions.Length || claimed.Previous.Length != input.Previous.Length)
        {
            return Verdict.Reject($"the output has {claimed.Positions.Length} positions; expected {input.Positions.Length}");
        }

        if (!claimed.Previous.AsSpan().SequenceEqual(input.Positions))
        {
            return Verdict.Reject("previous positions must equal the input positions");
        }

        for (var i = 0; i < input.Count; i++)
        {
            if (input.IsPinned(i) && !claimed.Positions.AsSpan(i * 3, 3).SequenceEqual(input.Positions.AsSpan(i * 3, 3)))
            {
                return Verdict.Reject($"pinned particle {i} moved");
            }
        }

        foreach (var value in claimed.Positions)
        {
            if (Math.Abs((long)value) > RigidWorld.Limit)
            {
                return Verdict.Reject("a particle is outside the world limits");
            }
        }

        var reach = input.Iterations;
        var side = 4 * reach + 1;
        var small = side * side >= input.Count;
        if (small && !options.IsFull && new Numerics.SplitMix64(options.Seed).NextUInt64() >= SpotCheckChance * ulong.MaxValue)
        {
            return Verdict.Accept;
        }

        if (options.IsFull || small)
        {
            var expected = ClothSolver.Step(input).Positions;
            var wrong = claimed.Positions.AsSpan().CommonPrefixLength(expected);
            return wrong == expected.Length ? Verdict.Accept : Mismatch(wrong / 3, claimed.Positions.AsSpan(wrong / 3 * 3, 3), expected.AsSpan(wrong / 3 * 3, 3));
        }

        var windows = Math.Max(1, (int)Math.Ceiling(options.SampleFraction * input.Count / (side * side)));
        var random = new Numerics.SplitMix64(options.Seed);
        for (var w = 0; w < windows; w++)
        {
            var particle = random.NextInt(input.Count);
            var verdict = VerifyWindow(input, claimed, particle % input.Width, particle / input.Width, reach);
            if (!verdict.Valid)
            {
                return verdict;
            }
        }

        return Verdict.Accept;
    }

    /// <summary>
    /// Steps a window of radius 2N around (cx, cy) and compares every particle at least N steps
    /// from the window's cut edges (edges of the cloth itself are exact), a (2N+1)² core in the open.
    /// </summary>
    private static Verdict VerifyWindow(ClothInput input, ClothOutput claimed, int cx, int cy, int reach)
    {
        var x0 = Math.Max(0, cx - 2 * reach);
        var y0 = Math.Max(0, cy - 2 * reach);
        var x1 = Math.Min(input.Width, cx + 2 * reach + 1);
        var y1 = Math.Min(input.Height, cy + 2 * reach + 1);
        var width = x1 - x0;
        var height = y1 - y0;
        var positions = new int[width * height * 3];
        var previous = new int[width * height * 3];
        var pinned = new byte[(width * height + 7) / 8];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var source = (y0 + y) * input.Width + x0 + x;
                var target = y * width + x;
                input.Positions.AsSpan(source * 3, 3).CopyTo(positions.AsSpan(target * 3));
                input.Previous.AsSpan(source * 3, 3).CopyTo(previous.AsSpan(target * 3));
                if (input.IsPinned(source))
                {
                    pinned[target >> 3] |= (byte)(1 << (target & 7));
                }
            }
        }

        var window = input with { Width = width, Height = height, Positions = positions, Previous = previous, Pinned = pinned };
        var local = ClothSolver.Step(window).Positions;
        var left = x0 == 0 ? 0 : x0 + reach;
        var top = y0 == 0 ? 0 : y0 + reach;
        var right = x1 == input.Width ? x1 : x1 - reach;
        var bottom = y1 == input.Height ? y1 : y1 - reach;
        for (var y = top; y < bottom; y++)
        {
            for (var x = left; x < right; x++)
            {
                var particle = y * input.Width + x;
                var expected = local.AsSpan(((y - y0) * width + (x - x0)) * 3, 3);
                var actual = claimed.Positions.AsSpan(particle * 3, 3);
                if (!actual.SequenceEqual(expected))
                {
                    return Mismatch(particle, actual, expected);
                }
            }
        }

        return Verdict.Accept;
    }

    private static Verdict Mismatch(int particle, ReadOnlySpan<int> actual, ReadOnlySpan<int> expected) =>
        Verdict.Reject($"particle {particle} is at ({actual[0]}, {actual[1]}, {actual[2]}); expected ({expected[0]}, {expected[1]}, {expected[2]})");
}

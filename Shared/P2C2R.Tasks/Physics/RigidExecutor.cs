namespace P2C2R.Tasks.Physics;

/// <summary>
/// <c>physics.rigid</c>: one step of falling blocks and debris.
/// <para>
/// The sampled verifier catches for sure: a changed id, shape, mass or size, a static body that
/// moved, a value outside the world limits, and a pair list that is not canonical (odd length,
/// out of range, unsorted, repeated). It then recomputes a sample of bodies exactly from their own
/// contacts (each found by the broad phase's x test and the narrow phase, so a sampled body's
/// missing or invented pair is caught too), and checks that a sample of the listed pairs really
/// touch. It can miss a wrong body or a wrong pair outside the samples, each with probability
/// about one minus the sample fraction per check. At fraction 1 it recomputes the whole step.
/// </para>
/// </summary>
public sealed class RigidExecutor : TaskExecutor<RigidInput, RigidOutput>
{
    public const int MaxBodies = 4096;
    private const int MaxSize = 64 << 16;

    public override TaskType Type { get; } = new("physics.rigid", 1, MaxBodies * RigidBody.Fields * 4 + 64, MaxBodies * RigidBody.Fields * 4 * 2 + 64);

    public override long Cost(RigidInput input) => 1 + (long)input.Count * (8 + Log2(input.Count)) / 8;

    protected override void Validate(RigidInput input)
    {
        TaskInputException.Require(input.Dt > 0 && input.Dt <= 1 << 14, $"dt is {input.Dt}; it must be in (0, 0.25 s] (Q16.16)");
        TaskInputException.Require(Math.Abs(input.Gravity) <= 100 << 16, $"gravity is {input.Gravity}; at most 100 units/s² (Q16.16)");
        TaskInputException.InRange(input.Restitution, 0, 1 << 16, "restitution");
        TaskInputException.Require(input.Bodies.Length % RigidBody.Fields == 0, $"bodies has {input.Bodies.Length} values; not a whole number of {RigidBody.Fields}-value bodies");
        TaskInputException.InRange(input.Count, 0, MaxBodies, "body count");
        for (var i = 0; i < input.Count; i++)
        {
            var body = input.Bodies.AsSpan(i * RigidBody.Fields, RigidBody.Fields);
            TaskInputException.Require(body[RigidBody.Shape] is RigidBody.Sphere or RigidBody.Box, $"body {i} has shape {body[RigidBody.Shape]}; 0 (sphere) or 1 (box)");
            TaskInputException.InRange(body[RigidBody.Mass], 0, ushort.MaxValue, $"body {i} mass");
            for (var k = 0; k < 3; k++)
            {
                TaskInputException.Require(Math.Abs((long)body[RigidBody.Position + k]) <= RigidWorld.Limit, $"body {i} position is outside ±1024 units");
                TaskInputException.Require(Math.Abs((long)body[RigidBody.Velocity + k]) <= RigidWorld.Limit, $"body {i} velocity is outside ±1024 units/s");
                TaskInputException.Require(body[RigidBody.Size + k] > 0 && body[RigidBody.Size + k] <= MaxSize, $"body {i} size must be in (0, 64] units");
            }
        }
    }

    protected override RigidOutput Compute(RigidInput input)
    {
        var world = new RigidWorld(input);
        var pairs = world.BroadAndNarrowPhase();
        var deltas = new long[world.Count * 6];
        for (var p = 0; p < pairs.Length; p += 2)
        {
            world.Touching(pairs[p], pairs[p + 1], out var contact);
            world.Respond(pairs[p], pairs[p + 1], contact, deltas);
        }

        var bodies = new int[input.Bodies.Length];
        for (var i = 0; i < world.Count; i++)
        {
            world.Finish(i, deltas, bodies);
        }

        return new RigidOutput(bodies, pairs);
    }

    public override Verdict Verify(RigidInput input, RigidOutput claimed, VerificationOptions options)
    {
        if (claimed.Bodies.Length != input.Bodies.Length)
        {
            return Verdict.Reject($"the output has {claimed.Bodies.Length} values; expected {input.Bodies.Length}");
        }

        if (options.IsFull)
        {
            var expected = Compute(input);
            var wrong = claimed.Bodies.AsSpan().CommonPrefixLength(expected.Bodies);
            if (wrong < expected.Bodies.Length)
            {
                return Verdict.Reject($"body {wrong / RigidBody.Fields} field {wrong % RigidBody.Fields} is {claimed.Bodies[wrong]}; expected {expected.Bodies[wrong]}");
            }

            return claimed.Pairs.AsSpan().SequenceEqual(expected.Pairs) ? Verdict.Accept : Verdict.Reject("the colliding pairs differ from a recomputation");
        }

        var world = new RigidWorld(input);
        var invariant = CheckInvariants(claimed, input, world, options, out var keys, out var pairsPerBody);
        if (!invariant.Valid)
        {
            return invariant;
        }

        var deltas = new long[world.Count * 6];
        var recomputed = new int[input.Bodies.Length];
        foreach (var i in Sample.Indices(world.Count, options))
        {
            deltas.AsSpan(i * 6, 6).Clear();
            var contacts = 0;
            for (var j = 0; j < world.Count; j++)
            {
                if (j == i || !world.OverlapX(i, j) || !world.Touching(Math.Min(i, j), Math.Max(i, j), out var contact))
                {
                    continue;
                }

                contacts++;
                if (keys.BinarySearch(Key(Math.Min(i, j), Math.Max(i, j))) < 0)
                {
                    return Verdict.Reject($"bodies {Math.Min(i, j)} and {Math.Max(i, j)} touch, but the pair is missing");
                }

                world.Respond(Math.Min(i, j), Math.Max(i, j), contact, deltas);
            }

            if (contacts != pairsPerBody[i])
            {
                return Verdict.Reject($"body {i} has {contacts} contacts; the output lists {pairsPerBody[i]}");
            }

            world.Finish(i, deltas, recomputed);
            var offset = i * RigidBody.Fields;
            var mismatch = recomputed.AsSpan(offset, RigidBody.Fields).CommonPrefixLength(claimed.Bodies.AsSpan(offset, RigidBody.Fields));
            if (mismatch < RigidBody.Fields)
            {
                return Verdict.Reject($"body {i} field {mismatch} is {claimed.Bodies[offset + mismatch]}; expected {recomputed[offset + mismatch]}");
            }
        }

        return Verdict.Accept;
    }

    private static Verdict CheckInvariants(RigidOutput claimed, RigidInput input, RigidWorld world, in VerificationOptions options, out List<long> keys, out int[] pairsPerBody)
    {
        keys = new List<long>(claimed.Pairs.Length / 2);
        pairsPerBody = new int[world.Count];
        for (var i = 0; i < world.Count; i++)
        {
            var offset = i * RigidBody.Fields;
            var before = input.Bodies.AsSpan(offset, RigidBody.Fields);
            var after = claimed.Bodies.AsSpan(offset, RigidBody.Fields);
            if (!after[..RigidBody.Position].SequenceEqual(before[..RigidBody.Position]) || !after[RigidBody.Size..].SequenceEqual(before[RigidBody.Size..]))
            {
                return Verdict.Reject($"body {i} changed its id, shape, mass or size");
            }

            if (world.Mass(i) == 0 && !after.SequenceEqual(before))
            {
                return Verdict.Reject($"static body {i} moved");
            }

            for (var k = RigidBody.Position; k < RigidBody.Size; k++)
            {
                if (Math.Abs((long)after[k]) > RigidWorld.Limit)
                {
                    return Verdict.Reject($"body {i} field {k} is outside the world limits");
                }
            }
        }

        if (claimed.Pairs.Length % 2 != 0)
        {
            return Verdict.Reject("the pair list has an odd length");
        }

        for (var p = 0; p < claimed.Pairs.Length; p += 2)
        {
            var a = claimed.Pairs[p];
            var b = claimed.Pairs[p + 1];
            if (a < 0 || b >= world.Count || a >= b || (keys.Count > 0 && Key(a, b) <= keys[^1]))
            {
                return Verdict.Reject($"pair ({a}, {b}) is out of range or out of order");
            }

            keys.Add(Key(a, b));
            pairsPerBody[a]++;
            pairsPerBody[b]++;
        }

        foreach (var pair in Sample.Indices(keys.Count, options))
        {
            var (a, b) = ((int)(keys[pair] >> 32), (int)keys[pair]);
            if (!world.OverlapX(a, b) || !world.Touching(a, b, out _))
            {
                return Verdict.Reject($"bodies {a} and {b} are listed as colliding but do not touch");
            }
        }

        return Verdict.Accept;
    }

    private static long Key(int a, int b) => ((long)a << 32) | (uint)b;

    private static int Log2(int n) => n <= 1 ? 0 : 31 - System.Numerics.BitOperations.LeadingZeroCount((uint)n);
}

using P2C2R.Tasks.Numerics;

namespace P2C2R.Tasks.Physics;

/// <summary>
/// Verlet cloth in Q16.16: damped Verlet integration under gravity, then distance constraints
/// between grid neighbours relaxed Jacobi style (corrections summed, then half applied) so the
/// result does not depend on constraint order. A particle after N iterations depends only on
/// particles within N steps of it, which is what the verifier's windowed recompute relies on.
/// </summary>
internal static class ClothSolver
{
    public static ClothOutput Step(ClothInput input)
    {
        var count = input.Count;
        var positions = new long[count * 3];
        var drop = Fixed.Mul(input.Gravity, Fixed.Mul(input.Dt, input.Dt));
        for (var i = 0; i < count; i++)
        {
            for (var axis = 0; axis < 3; axis++)
            {
                long p = input.Positions[i * 3 + axis];
                positions[i * 3 + axis] = input.IsPinned(i)
                    ? p
                    : p + Fixed.Mul(p - input.Previous[i * 3 + axis], input.Damping) - (axis == 1 ? drop : 0);
            }
        }

        var corrections = new long[count * 3];
        for (var iteration = 0; iteration < input.Iterations; iteration++)
        {
            Array.Clear(corrections);
            for (var y = 0; y < input.Height; y++)
            {
                for (var x = 0; x < input.Width; x++)
                {
                    var i = y * input.Width + x;
                    if (x + 1 < input.Width)
                    {
                        Constrain(input, positions, corrections, i, i + 1);
                    }

                    if (y + 1 < input.Height)
                    {
                        Constrain(input, positions, corrections, i, i + input.Width);
                    }
                }
            }

            for (var k = 0; k < positions.Length; k++)
            {
                positions[k] = Math.Clamp(positions[k] + corrections[k] / 2, -RigidWorld.Limit, RigidWorld.Limit);
            }
        }

        var result = new int[count * 3];
        for (var k = 0; k < result.Length; k++)
        {
            result[k] = (int)positions[k];
        }

        return new ClothOutput(result, (int[])input.Positions.Clone());
    }

    private static void Constrain(ClothInput input, long[] positions, long[] corrections, int a, int b)
    {
        var wa = input.IsPinned(a) ? 0 : 1;
        var wb = input.IsPinned(b) ? 0 : 1;
        if (wa + wb == 0)
        {
            return;
        }

        var dx = positions[b * 3] - positions[a * 3];
        var dy = positions[b * 3 + 1] - positions[a * 3 + 1];
        var dz = positions[b * 3 + 2] - positions[a * 3 + 2];
        var length = Fixed.Length(dx, dy, dz);
        if (length == 0)
        {
            return;
        }

        var stretch = length - input.RestLength;
        ReadOnlySpan<long> delta = [dx, dy, dz];
        for (var axis = 0; axis < 3; axis++)
        {
            var c = delta[axis] * stretch / length;
            corrections[a * 3 + axis] += c * wa / (wa + wb);
            corrections[b * 3 + axis] -= c * wb / (wa + wb);
        }
    }
}

using P2C2R.Tasks.Numerics;

namespace P2C2R.Tasks.Physics;

/// <summary>
/// One rigid-body step in Q16.16 integers: semi-implicit Euler, sweep-and-prune broad phase on
/// x, exact sphere/box narrow phase, and impulse plus positional response. Responses are
/// computed from the predicted state and summed (Jacobi style): integer sums do not depend on
/// order, so a body's result is a function of its own contacts, and a verifier can recompute a
/// sampled body without replaying the whole step.
/// </summary>
internal sealed class RigidWorld
{
    public const long Limit = 1024 * Fixed.One;
    private const long CorrectionPercent = 80;
    private readonly RigidInput _input;
    private readonly long[] _predicted;

    public RigidWorld(RigidInput input)
    {
        _input = input;
        Count = input.Count;
        _predicted = new long[Count * 6];
        var dt = (long)input.Dt;
        for (var i = 0; i < Count; i++)
        {
            var body = i * RigidBody.Fields;
            var mass = input.Bodies[body + RigidBody.Mass];
            var vx = (long)input.Bodies[body + RigidBody.Velocity];
            var vy = (long)input.Bodies[body + RigidBody.Velocity + 1];
            var vz = (long)input.Bodies[body + RigidBody.Velocity + 2];
            if (mass > 0)
            {
                vy -= Fixed.Mul(input.Gravity, dt);
            }

            var p = i * 6;
            _predicted[p] = input.Bodies[body + RigidBody.Position] + (mass > 0 ? Fixed.Mul(vx, dt) : 0);
            _predicted[p + 1] = input.Bodies[body + RigidBody.Position + 1] + (mass > 0 ? Fixed.Mul(vy, dt) : 0);
            _predicted[p + 2] = input.Bodies[body + RigidBody.Position + 2] + (mass > 0 ? Fixed.Mul(vz, dt) : 0);
            _predicted[p + 3] = vx;
            _predicted[p + 4] = vy;
            _predicted[p + 5] = vz;
        }
    }

    public int Count { get; }

    public int Mass(int body) => _input.Bodies[body * RigidBody.Fields + RigidBody.Mass];

    /// <summary>All touching pairs (a &lt; b, ascending), by sweep and prune along x.</summary>
    public int[] BroadAndNarrowPhase()
    {
        var keys = new long[Count];
        var order = new int[Count];
        for (var i = 0; i < Count; i++)
        {
            keys[i] = (MinX(i) << 13) | (uint)i;
            order[i] = i;
        }

        Array.Sort(keys, order);
        var pairs = new List<long>();
        for (var k = 0; k < Count; k++)
        {
            var a = order[k];
            var maxX = MaxX(a);
            for (var m = k + 1; m < Count; m++)
            {
                var b = order[m];
                if (MinX(b) > maxX)
                {
                    break;
                }

                if (Touching(a, b, out _))
                {
                    pairs.Add(((long)Math.Min(a, b) << 32) | (uint)Math.Max(a, b));
                }
            }
        }

        pairs.Sort();
        var flat = new int[pairs.Count * 2];
        for (var i = 0; i < pairs.Count; i++)
        {
            flat[2 * i] = (int)(pairs[i] >> 32);
            flat[2 * i + 1] = (int)pairs[i];
        }

        return flat;
    }

    /// <summary>Whether bodies a and b overlap after prediction; the contact's normal points from a to b.</summary>
    public bool Touching(int a, int b, out Contact contact)
    {
        contact = default;
        if (Mass(a) == 0 && Mass(b) == 0)
        {
            return false;
        }

        var sphereA = Shape(a) == RigidBody.Sphere;
        var sphereB = Shape(b) == RigidBody.Sphere;
        if (sphereA && sphereB)
        {
            return SphereSphere(a, b, out contact);
        }

        if (!sphereA && !sphereB)
        {
            return BoxBox(a, b, out contact);
        }

        var found = sphereA ? SphereBox(a, b, out contact) : SphereBox(b, a, out contact);
        if (found && sphereA)
        {
            contact = contact with { Nx = -contact.Nx, Ny = -contact.Ny, Nz = -contact.Nz };
        }

        return found;
    }

    /// <summary>Adds the velocity and position changes the contact gives body a and body b.</summary>
    public void Respond(int a, int b, in Contact contact, Span<long> deltas)
    {
        long ma = Mass(a);
        long mb = Mass(b);
        var pa = a * 6;
        var pb = b * 6;
        var vn = Fixed.Mul(_predicted[pb + 3] - _predicted[pa + 3], contact.Nx)
            + Fixed.Mul(_predicted[pb + 4] - _predicted[pa + 4], contact.Ny)
            + Fixed.Mul(_predicted[pb + 5] - _predicted[pa + 5], contact.Nz);
        var correction = contact.Penetration * CorrectionPercent / 100;
        ReadOnlySpan<long> normal = [contact.Nx, contact.Ny, contact.Nz];
        long reduced = ma == 0 ? mb << 16 : mb == 0 ? ma << 16 : (ma * mb << 16) / (ma + mb);
        var impulse = vn < 0 ? Fixed.Mul(Fixed.Mul(Fixed.One + _input.Restitution, -vn), reduced) : 0;
        for (var axis = 0; axis < 3; axis++)
        {
            var momentum = Fixed.Mul(impulse, normal[axis]);
            var push = Fixed.Mul(correction, normal[axis]);
            if (ma > 0)
            {
                deltas[a * 6 + 3 + axis] -= momentum / ma;
                deltas[a * 6 + axis] -= mb == 0 ? push : push * mb / (ma + mb);
            }

            if (mb > 0)
            {
                deltas[b * 6 + 3 + axis] += momentum / mb;
                deltas[b * 6 + axis] += ma == 0 ? push : push * ma / (ma + mb);
            }
        }
    }

    /// <summary>Writes body i's final state (predicted plus deltas, clamped to the world limits) into a body array.</summary>
    public void Finish(int i, ReadOnlySpan<long> deltas, Span<int> bodies)
    {
        var body = i * RigidBody.Fields;
        _input.Bodies.AsSpan(body, RigidBody.Fields).CopyTo(bodies.Slice(body, RigidBody.Fields));
        if (Mass(i) == 0)
        {
            return;
        }

        for (var k = 0; k < 3; k++)
        {
            bodies[body + RigidBody.Position + k] = (int)Math.Clamp(_predicted[i * 6 + k] + deltas[i * 6 + k], -Limit, Limit);
            bodies[body + RigidBody.Velocity + k] = (int)Math.Clamp(_predicted[i * 6 + 3 + k] + deltas[i * 6 + 3 + k], -Limit, Limit);
        }
    }

    private int Shape(int body) => _input.Bodies[body * RigidBody.Fields + RigidBody.Shape];

    private long Size(int body, int axis) => _input.Bodies[body * RigidBody.Fields + RigidBody.Size + axis];

    private long Extent(int body, int axis) => Shape(body) == RigidBody.Sphere ? Size(body, 0) : Size(body, axis);

    /// <summary>Whether the x extents of a and b overlap: the broad phase's test, which every touching pair passes.</summary>
    public bool OverlapX(int a, int b) => MinX(b) <= MaxX(a) && MinX(a) <= MaxX(b);

    public long MinX(int body) => _predicted[body * 6] - Extent(body, 0);

    public long MaxX(int body) => _predicted[body * 6] + Extent(body, 0);

    private bool SphereSphere(int a, int b, out Contact contact)
    {
        contact = default;
        var dx = _predicted[b * 6] - _predicted[a * 6];
        var dy = _predicted[b * 6 + 1] - _predicted[a * 6 + 1];
        var dz = _predicted[b * 6 + 2] - _predicted[a * 6 + 2];
        var reach = Size(a, 0) + Size(b, 0);
        var squared = dx * dx + dy * dy + dz * dz;
        if (squared >= reach * reach)
        {
            return false;
        }

        var distance = (long)IntMath.Sqrt((ulong)squared);
        contact = distance == 0
            ? new Contact(0, Fixed.One, 0, reach)
            : new Contact(Fixed.Div(dx, distance), Fixed.Div(dy, distance), Fixed.Div(dz, distance), reach - distance);
        return true;
    }

    private bool BoxBox(int a, int b, out Contact contact)
    {
        contact = default;
        var best = -1;
        long bestOverlap = 0;
        long bestSign = 1;
        for (var axis = 0; axis < 3; axis++)
        {
            var d = _predicted[b * 6 + axis] - _predicted[a * 6 + axis];
            var overlap = Size(a, axis) + Size(b, axis) - Math.Abs(d);
            if (overlap <= 0)
            {
                return false;
            }

            if (best < 0 || overlap < bestOverlap)
            {
                best = axis;
                bestOverlap = overlap;
                bestSign = d < 0 ? -1 : 1;
            }
        }

        contact = new Contact(best == 0 ? bestSign * Fixed.One : 0, best == 1 ? bestSign * Fixed.One : 0, best == 2 ? bestSign * Fixed.One : 0, bestOverlap);
        return true;
    }

    /// <summary>Sphere s against box b; the normal points from the box to the sphere.</summary>
    private bool SphereBox(int s, int b, out Contact contact)
    {
        contact = default;
        Span<long> offset = stackalloc long[3];
        var squared = 0L;
        var inside = true;
        for (var axis = 0; axis < 3; axis++)
        {
            var centre = _predicted[s * 6 + axis];
            var boxCentre = _predicted[b * 6 + axis];
            var half = Size(b, axis);
            var closest = Math.Clamp(centre, boxCentre - half, boxCentre + half);
            offset[axis] = centre - closest;
            squared += offset[axis] * offset[axis];
            inside &= offset[axis] == 0;
        }

        var radius = Size(s, 0);
        if (squared >= radius * radius)
        {
            return false;
        }

        if (!inside)
        {
            var distance = (long)IntMath.Sqrt((ulong)squared);
            contact = new Contact(Fixed.Div(offset[0], distance), Fixed.Div(offset[1], distance), Fixed.Div(offset[2], distance), radius - distance);
            return true;
        }

        var best = 0;
        long bestDepth = long.MaxValue;
        long bestSign = 1;
        for (var axis = 0; axis < 3; axis++)
        {
            var d = _predicted[s * 6 + axis] - _predicted[b * 6 + axis];
            var depth = Size(b, axis) - Math.Abs(d);
            if (depth < bestDepth)
            {
                best = axis;
                bestDepth = depth;
                bestSign = d < 0 ? -1 : 1;
            }
        }

        contact = new Contact(best == 0 ? bestSign * Fixed.One : 0, best == 1 ? bestSign * Fixed.One : 0, best == 2 ? bestSign * Fixed.One : 0, radius + bestDepth);
        return true;
    }

    /// <summary>A contact: unit normal from the first body to the second, and penetration depth (Q16.16).</summary>
    public readonly record struct Contact(long Nx, long Ny, long Nz, long Penetration);
}

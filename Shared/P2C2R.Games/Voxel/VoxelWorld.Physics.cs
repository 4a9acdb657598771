using P2C2R.Tasks;
using P2C2R.Tasks.Numerics;
using P2C2R.Tasks.Physics;
using P2C2R.Tasks.World;

namespace P2C2R.Games.Voxel;

/// <summary>
/// Loose pieces: debris thrown out of a dug block and blocks placed in mid-air, stepped by
/// <c>physics.rigid</c> against the ground under each of them; a falling block that comes to
/// rest becomes a block again. The banner on its pole is a <c>physics.cloth</c> in a gusting wind.
/// </summary>
public sealed partial class VoxelWorld
{
    private const int One = 1 << 16;
    private readonly List<Piece> _pieces = [];
    private int _nextBodyId;
    private int[]? _clothPositions;
    private int[]? _clothPrevious;
    private (int X, int Y, int Z) _pole;

    /// <summary>Loose pieces in flight (debris and falling blocks).</summary>
    public int Pieces => _pieces.Count;

    private int StepDt => _stepTicks * One / _tps;

    private void SpawnDebris((int X, int Y, int Z) cell, byte block)
    {
        var random = new SplitMix64(_options.Seed ^ ((ulong)_tick * 0x9E3779B97F4A7C15UL));
        for (var i = 0; i < 4; i++)
        {
            int[] velocity = [(random.NextInt(9) - 4) << 15, (12 + random.NextInt(8)) << 14, (random.NextInt(9) - 4) << 15];
            AddPiece(cell, RigidBody.Sphere, 1, velocity, One * 3 / 20, block, falling: false, lifetime: 1);
        }
    }

    private void SpawnFallingBlock((int X, int Y, int Z) cell, byte block) =>
        AddPiece(cell, RigidBody.Box, 5, [0, 0, 0], One * 45 / 100, block, falling: true, lifetime: 3);

    private void AddPiece((int X, int Y, int Z) cell, int shape, int mass, int[] velocity, int size, byte block, bool falling, int lifetime)
    {
        var body = new int[RigidBody.Fields];
        body[RigidBody.Id] = _nextBodyId++;
        body[RigidBody.Shape] = shape;
        body[RigidBody.Mass] = mass;
        body[RigidBody.Position] = cell.X * One + One / 2;
        body[RigidBody.Position + 1] = cell.Y * One + One / 2;
        body[RigidBody.Position + 2] = cell.Z * One + One / 2;
        velocity.CopyTo(body, RigidBody.Velocity);
        body[RigidBody.Size] = body[RigidBody.Size + 1] = body[RigidBody.Size + 2] = size;
        _pieces.Add(new Piece(body, block, falling, _tick, _tick + lifetime * _tps));
    }

    /// <summary>One step for every piece, each above a static box standing for the ground of its column.</summary>
    private void PlanPhysics()
    {
        if (_pieces.Count == 0 || IsPending(WorkKind.Physics))
        {
            return;
        }

        var count = _pieces.Count;
        var bodies = new int[2 * count * RigidBody.Fields];
        for (var i = 0; i < count; i++)
        {
            var piece = _pieces[i].Body;
            var (x, y, z) = CellOf(piece);
            var top = GroundBelow(x, y, z);
            var ground = bodies.AsSpan(i * RigidBody.Fields, RigidBody.Fields);
            ground[RigidBody.Id] = -1 - i;
            ground[RigidBody.Shape] = RigidBody.Box;
            ground[RigidBody.Position] = x * One + One / 2;
            ground[RigidBody.Position + 1] = (top - 2) * One;
            ground[RigidBody.Position + 2] = z * One + One / 2;
            ground[RigidBody.Size] = ground[RigidBody.Size + 2] = One / 2;
            ground[RigidBody.Size + 1] = 2 * One;
            piece.CopyTo(bodies, (count + i) * RigidBody.Fields);
        }

        Plan(WorkKind.Physics, count, TaskExecutors.Rigid.Type.Id, Payload.Encode(new RigidInput(StepDt, 20 * One, One / 4, bodies)), _stepTicks);
    }

    /// <summary>
    /// Takes the stepped bodies (pieces spawned since the step was planned keep theirs), then
    /// retires pieces: debris when its time is up, a falling block when it rests or its time is
    /// up, landing as a block on the ground of its column.
    /// </summary>
    private void IntegratePhysics(int count, byte[] output)
    {
        var bodies = Payload.Decode<RigidOutput>(output).Bodies;
        for (var i = 0; i < count && i < _pieces.Count; i++)
        {
            _pieces[i] = _pieces[i] with { Body = bodies.AsSpan((count + i) * RigidBody.Fields, RigidBody.Fields).ToArray() };
        }

        for (var i = _pieces.Count - 1; i >= 0; i--)
        {
            var piece = _pieces[i];
            var resting = piece.Falling && _tick - piece.Born > _tps / 3 && Math.Abs(piece.Body[RigidBody.Velocity + 1]) < One / 10;
            if (_tick < piece.Expires && !resting)
            {
                continue;
            }

            _pieces.RemoveAt(i);
            if (piece.Falling)
            {
                var (x, y, z) = CellOf(piece.Body);
                var top = GroundBelow(x, y, z);
                if (top < SizeY && !Occupied((x, top, z)))
                {
                    SetBlock(x, top, z, piece.Block);
                }
            }
        }

        _overlayTick = -1;
    }

    private static (int X, int Y, int Z) CellOf(int[] body) =>
        (Math.Clamp(body[RigidBody.Position] >> 16, 0, SizeX - 1), Math.Clamp(body[RigidBody.Position + 1] >> 16, 0, SizeY - 1), Math.Clamp(body[RigidBody.Position + 2] >> 16, 0, SizeZ - 1));

    /// <summary>The height of the first free cell at or below <paramref name="y"/> whose cell beneath is solid.</summary>
    private int GroundBelow(int x, int y, int z)
    {
        while (y > 0 && Free(x, y - 1, z))
        {
            y--;
        }

        return y;
    }

    /// <summary>A pole of logs near the spawn, with the banner's top row pinned along it.</summary>
    private void RaiseBanner()
    {
        var (x, z) = (SizeX / 2 - 4, SizeZ / 2 - 4);
        var ground = Surface(x, z);
        for (var y = ground; y < ground + 6 && y < SizeY; y++)
        {
            SetBlock(x, y, z, Block.Log);
        }

        _pole = (x, Math.Min(SizeY - 1, ground + 5), z);
        _clothPositions = new int[Banner.Particles * 3];
        for (var row = 0; row < Banner.Height; row++)
        {
            for (var column = 0; column < Banner.Width; column++)
            {
                var at = (row * Banner.Width + column) * 3;
                _clothPositions[at] = (_pole.X + 1) * One + column * Banner.Spacing;
                _clothPositions[at + 1] = _pole.Y * One + One / 2 - row * Banner.Spacing;
                _clothPositions[at + 2] = _pole.Z * One + One / 2;
            }
        }

        _clothPrevious = (int[])_clothPositions.Clone();
    }

    /// <summary>Plans the banner's next step; the wind, a slow gust along z, enters as a nudge to each free particle's previous position.</summary>
    private void PlanCloth(long step)
    {
        if (_clothPositions is null || _clothPrevious is null || IsPending(WorkKind.Cloth))
        {
            return;
        }

        var wind = (int)((0.5 + 0.4 * DeterministicMath.SinPi(step / 45.0)) * StepDt);
        var previous = (int[])_clothPrevious.Clone();
        for (var particle = Banner.Width; particle < Banner.Particles; particle++)
        {
            previous[particle * 3 + 2] -= wind;
        }

        var input = new ClothInput(Banner.Width, Banner.Height, 8, StepDt, 9 * One, Banner.Spacing, 63000, _clothPositions, previous, Banner.TopRowPinned());
        Plan(WorkKind.Cloth, 0, TaskExecutors.Cloth.Type.Id, Payload.Encode(input), _stepTicks);
    }

    private void IntegrateCloth(byte[] output)
    {
        var cloth = Payload.Decode<ClothOutput>(output);
        (_clothPositions, _clothPrevious) = (cloth.Positions, cloth.Previous);
        _overlayTick = -1;
    }

    /// <summary>A loose body and what it is made of.</summary>
    private sealed record Piece(int[] Body, byte Block, bool Falling, long Born, long Expires);

    /// <summary>The banner's cloth grid.</summary>
    private static class Banner
    {
        public const int Width = 8;
        public const int Height = 6;
        public const int Particles = Width * Height;
        public const int Spacing = One / 2;

        public static byte[] TopRowPinned()
        {
            var pinned = new byte[(Particles + 7) / 8];
            for (var particle = 0; particle < Width; particle++)
            {
                pinned[particle >> 3] |= (byte)(1 << (particle & 7));
            }

            return pinned;
        }
    }
}
